import type { Context } from "hono";
import type { AppDeps } from "../app.js";
import type { ChatStore } from "../coach/chat/chat-store.js";
import type { ProgressStore } from "../coach/progress/progress-store.js";
import type { SessionStore } from "../coach/roleplay/session-store.js";
import { type CoachFiles, createCoachServices } from "../coach/services.js";
import type { Config } from "../config.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import type { Corpus } from "../corpus/types.js";
import type { Tokens } from "../lib/auth.js";
import { RateLimiter } from "../lib/rate-limit.js";
import { toTraditional } from "../lib/script.js";
import { ModelStatus, TrackedChatModel } from "../llm/model-status.js";
import { chatModelFor, loadOpenAI } from "../llm/openai.js";
import type { ChatModel } from "../llm/types.js";
import { createRetriever, type StoreRequest } from "../retrieval/create-retriever.js";
import type { LexiconFiles } from "../retrieval/offline-parts.js";
import { ProviderEmbedder } from "../retrieval/provider-embedder.js";
import type { Store } from "../retrieval/types.js";
import type { ApiDocsAssets } from "../web/api-docs.js";
import type { WebAssets } from "../web/pages.js";

/** What only a runtime knows: where its files come from, how it opens its stores, how it sees a client. */
export interface RuntimeParts {
  config: Config;
  corpus: Corpus;
  lexicon: LexiconFiles;
  files: CoachFiles;
  web: WebAssets;
  /** Swagger UI's files for /docs; Workers leave them to static assets (wrangler.toml `[assets]`). */
  apiDocs?: ApiDocsAssets;
  /** LanceDB on Node, the in-memory store on Workers and in tests. */
  openStore: (request: StoreRequest) => Promise<Store>;
  /** SQLite on Node, D1 on Workers. */
  sessions: SessionStore;
  /** Conversations and rep files: SQLite on Node, D1 on Workers. */
  chat: ChatStore;
  /** Practice records: SQLite on Node, D1 on Workers. */
  progress: ProgressStore;
  /** The client's address for the rate limit (the socket on Node, CF-Connecting-IP on Workers). */
  clientKey: (context: Context) => string;
  version: string;
  /** One line per request and per failure; absent means silent (tests). */
  log?: (line: string) => void;
  /** Where unexpected errors go; defaults to `log` (their details never reach the client). */
  logError?: (error: unknown, context: { method: string; path: string }) => void;
  /** A chat model of the caller's (tests, evals); otherwise the configured one in llm mode. */
  model?: ChatModel;
  /** Role-play session ids; random when absent (the evals number them, so each run replays the same replies). */
  newId?: () => string;
}

/**
 * The one place the app's dependencies are wired, for the Node and Workers entries, tests, bench and evals: the
 * retrieval stack over the runtime's store, advice/FABE/role-play, the model (tracked for /api/health) and the
 * HTTP settings from the config.
 */
export async function createAppDeps(parts: RuntimeParts): Promise<AppDeps> {
  const { config } = parts;
  const corpus = new CorpusIndex(parts.corpus);
  const retriever = await createRetriever({
    corpus,
    lexicon: parts.lexicon,
    toTraditional,
    openStore: parts.openStore,
    ...(config.llm.embedModel ? { embedder: await providerEmbedder(config, parts.corpus.version) } : {}),
  });
  const configured = parts.model ?? chatModelFor(config);
  const provider = configured && "profile" in configured ? (configured.profile as { name: string }).name : undefined;
  const modelStatus = configured ? new ModelStatus(configured, Date.now, provider) : undefined;
  const model = configured && modelStatus ? new TrackedChatModel(configured, modelStatus) : undefined;
  const services = createCoachServices({
    corpus,
    retriever,
    files: parts.files,
    situationsTsv: parts.lexicon.situationsTsv,
    managerSituationsTsv: parts.lexicon.managerSituationsTsv,
    sessions: parts.sessions,
    chat: parts.chat,
    progress: parts.progress,
    roster: rosterOf(config.tokens),
    ...(model ? { model } : {}),
    ...(parts.newId ? { newId: parts.newId } : {}),
  });
  const log = parts.log;
  const logRequest = config.logRequests ? log : undefined;
  return {
    corpus,
    retriever,
    ...services,
    web: parts.web,
    ...(parts.apiDocs ? { apiDocs: parts.apiDocs } : {}),
    health: {
      mode: model ? "llm" : "offline",
      version: parts.version,
      ...(modelStatus ? { model: modelStatus } : {}),
    },
    http: {
      maxBodyBytes: config.maxBodyBytes,
      corsOrigins: config.corsOrigins,
      ...(config.tokens ? { tokens: config.tokens } : {}),
      ...(config.rateLimitPerMinute > 0
        ? { rateLimit: { limiter: new RateLimiter(config.rateLimitPerMinute), clientKey: parts.clientKey } }
        : {}),
      ...(logRequest ? { logRequest } : {}),
      logError:
        parts.logError ??
        ((error, context) => {
          const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
          (log ?? console.error)(`${context.method} ${context.path} failed: ${detail}`);
        }),
    },
  };
}

/** The users COACH_TOKENS names in each team (several tokens may share a user). */
function rosterOf(tokens: Tokens | undefined) {
  const byTeam = new Map<string, Map<string, "rep" | "manager">>();
  for (const viewer of Object.values(tokens ?? {})) {
    const team = byTeam.get(viewer.team) ?? new Map();
    team.set(viewer.user, viewer.role);
    byTeam.set(viewer.team, team);
  }
  return (team: string) => [...(byTeam.get(team) ?? new Map())].map(([user, role]) => ({ user, role }));
}

/** The SDK is loaded only here and on a model's first call: an offline server never carries it. */
async function providerEmbedder(config: Config, corpusVersion: string): Promise<ProviderEmbedder> {
  const { default: OpenAI } = await loadOpenAI();
  const client = new OpenAI({
    apiKey: config.llm.apiKey ?? "not-needed",
    ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
  });
  return new ProviderEmbedder(client, config.llm.embedModel as string, corpusVersion);
}
