import type OpenAI from "openai";
import type { Config } from "../config.js";
import { type JsonMode, type ProviderProfile, providerProfile, weaker } from "./providers.js";
import { type ChatMessage, type ChatModel, type CompleteOptions, ProviderError } from "./types.js";

type OpenAIModule = typeof import("openai");
let sdk: Promise<OpenAIModule> | undefined;
/** How long the health probe waits for the provider's model list. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * The OpenAI SDK, loaded on first use: an offline server never calls a model, and the SDK is a megabyte of code
 * and about 6 MiB of heap once loaded (docs/benchmarks.md).
 */
export function loadOpenAI(): Promise<OpenAIModule> {
  sdk ??= import("openai");
  return sdk;
}

export interface OpenAIChatOptions {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
  /** The provider's quirks (COACH_LLM_PROVIDER, or detected from the base URL). */
  profile?: ProviderProfile;
}

/**
 * Chat completions over the OpenAI wire format (OpenAI, Azure, DeepSeek, Qwen, Ollama, vLLM …). The SDK
 * retries once on 429, 5xx and timeouts; what still fails becomes a ProviderError the caller falls back on.
 */
export class OpenAIChatModel implements ChatModel {
  readonly name: string;
  readonly profile: ProviderProfile;
  private client: Promise<OpenAI> | undefined;
  /** How JSON is asked for: the profile's mode until the provider refuses it (then one step weaker, for good). */
  private jsonMode: JsonMode;

  constructor(private readonly options: OpenAIChatOptions) {
    this.name = options.model;
    this.profile = options.profile ?? providerProfile(undefined, options.baseUrl);
    this.jsonMode = this.profile.json;
  }

  private connect(): Promise<OpenAI> {
    this.client ??= loadOpenAI().then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey: this.options.apiKey ?? "not-needed",
          ...(this.options.baseUrl ? { baseURL: this.options.baseUrl } : {}),
          timeout: this.options.timeoutMs,
          maxRetries: 1,
        }),
    );
    return this.client;
  }

  /** The response_format of a JSON request in the current mode; none when the prompt alone asks. */
  private responseFormat(json: CompleteOptions["json"]) {
    if (!json || this.jsonMode === "prompt") return undefined;
    if (this.jsonMode === "json_schema" && typeof json === "object")
      return { type: "json_schema" as const, json_schema: { name: json.name, schema: json.schema, strict: false } };
    return { type: "json_object" as const };
  }

  async complete(messages: readonly ChatMessage[], options: CompleteOptions = {}): Promise<string> {
    const sdk = await loadOpenAI();
    for (;;) {
      try {
        return await this.send(messages, options);
      } catch (error) {
        // A provider that does not take this way of asking for JSON answers 400: ask the next weaker way (at most
        // twice: json_schema, json_object, the prompt alone), and keep asking that way.
        const next = weaker(this.jsonMode);
        const refused =
          error instanceof ProviderError && error.cause instanceof sdk.APIError && error.cause.status === 400;
        if (!options.json || !refused || !next) throw error;
        this.jsonMode = next;
      }
    }
  }

  private async send(messages: readonly ChatMessage[], options: CompleteOptions): Promise<string> {
    const format = this.responseFormat(options.json);
    const request = {
      model: this.options.model,
      messages: messages.map((message) => ({ role: message.role, content: message.content })),
      temperature: 0.2,
      ...(format ? { response_format: format } : {}),
      ...this.profile.extra,
    };
    const client = await this.connect();
    try {
      if (!options.onDelta) {
        const response = await client.chat.completions.create({ ...request, stream: false });
        return response.choices[0]?.message?.content ?? "";
      }
      const stream = await client.chat.completions.create({
        ...request,
        stream: true,
        ...(this.profile.streamUsage ? { stream_options: { include_usage: true } } : {}),
      });
      let text = "";
      let finished = false;
      try {
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          const delta = choice?.delta?.content ?? "";
          if (delta) {
            text += delta;
            await options.onDelta(delta);
          }
          if (choice?.finish_reason) finished = true;
        }
      } catch (error) {
        // Once the answer has started, any failure is a cut stream, whatever the socket error says.
        throw new ProviderError("stream_interrupted", "the provider's answer was cut off", { cause: error });
      }
      if (!finished) throw new ProviderError("stream_interrupted", "the stream ended before the model finished");
      return text;
    } catch (error) {
      throw toProviderError(error, await loadOpenAI());
    }
  }

  /** Lists the provider's models: any answer but an auth failure or a 5xx means the provider can be used. */
  async probe(): Promise<void> {
    const client = await this.connect();
    const sdk = await loadOpenAI();
    try {
      await client.models.list({ timeout: Math.min(PROBE_TIMEOUT_MS, this.options.timeoutMs), maxRetries: 0 });
    } catch (error) {
      // Many compatible servers have no /models route: a 404 still proves they answer.
      if (error instanceof sdk.APIError && error.status === 404) return;
      throw toProviderError(error, sdk);
    }
  }
}

function toProviderError(error: unknown, sdk: OpenAIModule): ProviderError {
  const { APIConnectionError, APIConnectionTimeoutError, APIError } = sdk;
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError)
    return new ProviderError("timeout", "the provider timed out", { cause: error });
  if (error instanceof APIConnectionError)
    return new ProviderError("connection_error", "could not reach the provider", { cause: error });
  if (error instanceof APIError) {
    if (error.status === 429)
      return new ProviderError("rate_limited", "the provider is rate limiting", { cause: error });
    return new ProviderError("provider_error", `the provider answered ${error.status ?? "an error"}`, { cause: error });
  }
  // A body cut mid-stream surfaces as a plain error from the stream reader.
  return new ProviderError("stream_interrupted", "the provider's answer was cut off", { cause: error });
}

/** The configured chat model in llm mode, none offline: one place for the server, the CLI and the evals. */
export function chatModelFor(config: Config): ChatModel | undefined {
  if (config.mode !== "llm") return undefined;
  return new OpenAIChatModel({
    ...(config.llm.apiKey ? { apiKey: config.llm.apiKey } : {}),
    ...(config.llm.baseUrl ? { baseUrl: config.llm.baseUrl } : {}),
    model: config.llm.model,
    timeoutMs: config.llm.timeoutMs,
    profile: providerProfile(config.llm.provider, config.llm.baseUrl),
  });
}
