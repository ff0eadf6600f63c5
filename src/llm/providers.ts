/**
 * What differs between OpenAI-compatible providers, as far as this product's requests go (docs/llm.md). The wire
 * format is the same; these are the parts that are not: how to ask for JSON, whether `stream_options` is accepted,
 * parameters of their own, and reasoning text written before the answer (stripped for every provider).
 */
export const PROVIDERS = ["openai", "deepseek", "qwen", "ollama", "vllm", "workers-ai", "generic"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** How a JSON answer is asked for: a schema, "a JSON object", or only the prompt's words (the answer's JSON is found). */
export type JsonMode = "json_schema" | "json_object" | "prompt";

export interface ProviderProfile {
  name: ProviderName;
  /** The strongest JSON mode the provider takes; a 400 to it steps down once per model (json_schema → json_object → prompt). */
  json: JsonMode;
  /** Whether streamed requests may carry `stream_options: {include_usage: true}` (token counts at the end). */
  streamUsage: boolean;
  /** Parameters of the provider's own, sent with every request. */
  extra: Record<string, unknown>;
}

const PROFILES: Record<ProviderName, ProviderProfile> = {
  // Structured outputs; usage in the stream's last chunk.
  openai: { name: "openai", json: "json_schema", streamUsage: true, extra: {} },
  // JSON output mode but no json_schema; deepseek-reasoner writes its reasoning apart (reasoning_content).
  deepseek: { name: "deepseek", json: "json_object", streamUsage: true, extra: {} },
  // DashScope's compatible mode: json_object; Qwen3's thinking must be off for it and for non-streamed calls.
  qwen: { name: "qwen", json: "json_object", streamUsage: true, extra: { enable_thinking: false } },
  // Ollama's /v1: json_object; a reasoning model's <think> comes inside the content.
  ollama: { name: "ollama", json: "json_object", streamUsage: false, extra: {} },
  // vLLM: guided decoding by schema; it answers 400 to parameters it does not know.
  vllm: { name: "vllm", json: "json_schema", streamUsage: true, extra: {} },
  // Workers AI's OpenAI-compatible endpoint: json_schema, no stream_options (400).
  "workers-ai": { name: "workers-ai", json: "json_schema", streamUsage: false, extra: {} },
  // Anything else: the most widely accepted request.
  generic: { name: "generic", json: "json_object", streamUsage: false, extra: {} },
};

/** The profile COACH_LLM_PROVIDER names, or the one the base URL's host tells, or OpenAI's without a base URL. */
export function providerProfile(name: ProviderName | undefined, baseUrl: string | undefined): ProviderProfile {
  if (name) return PROFILES[name];
  return PROFILES[detectProvider(baseUrl)];
}

export function detectProvider(baseUrl: string | undefined): ProviderName {
  if (!baseUrl) return "openai";
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return "generic";
  }
  const host = url.hostname;
  if (host === "api.openai.com") return "openai";
  if (host.endsWith("deepseek.com")) return "deepseek";
  if (host.startsWith("dashscope")) return "qwen";
  if (host === "api.cloudflare.com" && url.pathname.includes("/ai/")) return "workers-ai";
  if (url.port === "11434") return "ollama";
  return "generic";
}

/** The next weaker JSON mode, after a provider refused one. */
export function weaker(mode: JsonMode): JsonMode | undefined {
  return mode === "json_schema" ? "json_object" : mode === "json_object" ? "prompt" : undefined;
}
