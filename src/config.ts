import { z } from "zod";
import { type Tokens, TokensSchema } from "./lib/auth.js";
import { PROVIDERS, type ProviderName } from "./llm/providers.js";

/** Everything the service reads from its environment, validated once at the entry. */
const EnvSchema = z.object({
  // 0 asks the OS for a free port (tests); the chosen port is printed at startup.
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("0.0.0.0"),
  COACH_DATA_DIR: z.string().min(1).default(".data"),
  /** Users' playbooks, watched by the server; default corpus/playbooks (see entry/corpus-paths.ts). */
  COACH_PLAYBOOKS_DIR: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  COACH_LLM_BASE_URL: z
    .url({ message: "COACH_LLM_BASE_URL must be a URL such as http://localhost:11434/v1" })
    .optional(),
  COACH_LLM_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** Which provider's quirks to expect (docs/llm.md); detected from COACH_LLM_BASE_URL when unset. */
  COACH_LLM_PROVIDER: z.enum(PROVIDERS).optional(),
  COACH_EMBED_MODEL: z.string().min(1).optional(),
  /** LanceDB location; default <COACH_DATA_DIR>/lancedb. An object-store URI lets many instances share it. */
  COACH_LANCEDB_URI: z.string().min(1).optional(),
  /** How long one model call may take before the request falls back to offline advice. */
  COACH_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  COACH_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(65_536),
  /** Requests per minute per client on /api/* (a burst of that many, refilled evenly); 0 turns it off. */
  COACH_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Origins allowed to call the API from a browser, comma-separated, or *; unset: CORS off. */
  COACH_CORS_ORIGINS: z.string().optional(),
  /** "requests" (default): one log line per request; "errors": only failures (tests, quiet deployments). */
  COACH_LOG: z.enum(["requests", "errors"]).default("requests"),
  /** Bearer tokens, JSON: {"<token>": {"user", "role": "manager"|"rep", "team"}}; when set, /api/* needs one. */
  COACH_TOKENS: z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({
          code: "custom",
          message: 'COACH_TOKENS must be JSON, e.g. {"<token>": {"user": "amy", "role": "rep", "team": "north"}}',
        });
        return z.NEVER;
      }
    })
    .pipe(TokensSchema)
    .optional(),
});

export type Mode = "offline" | "llm";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  playbooksDir?: string;
  lanceUri?: string;
  mode: Mode;
  llm: {
    apiKey?: string;
    baseUrl?: string;
    model: string;
    embedModel?: string;
    timeoutMs: number;
    provider?: ProviderName;
  };
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  corsOrigins: string[];
  logRequests: boolean;
  tokens?: Tokens;
}

/** Parses the environment; the error names each variable to fix. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: values.COACH_DATA_DIR,
    ...(values.COACH_PLAYBOOKS_DIR ? { playbooksDir: values.COACH_PLAYBOOKS_DIR } : {}),
    ...(values.COACH_LANCEDB_URI ? { lanceUri: values.COACH_LANCEDB_URI } : {}),
    mode: values.OPENAI_API_KEY || values.COACH_LLM_BASE_URL ? "llm" : "offline",
    llm: {
      ...(values.OPENAI_API_KEY ? { apiKey: values.OPENAI_API_KEY } : {}),
      ...(values.COACH_LLM_BASE_URL ? { baseUrl: values.COACH_LLM_BASE_URL } : {}),
      model: values.COACH_LLM_MODEL,
      ...(values.COACH_LLM_PROVIDER ? { provider: values.COACH_LLM_PROVIDER } : {}),
      ...(values.COACH_EMBED_MODEL ? { embedModel: values.COACH_EMBED_MODEL } : {}),
      timeoutMs: values.COACH_LLM_TIMEOUT_MS,
    },
    maxBodyBytes: values.COACH_MAX_BODY_BYTES,
    rateLimitPerMinute: values.COACH_RATE_LIMIT,
    corsOrigins: (values.COACH_CORS_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    logRequests: values.COACH_LOG === "requests",
    ...(values.COACH_TOKENS ? { tokens: values.COACH_TOKENS } : {}),
  };
}
