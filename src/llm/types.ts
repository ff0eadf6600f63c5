/** One message of a chat; user-provided text only ever goes in `user` messages. */
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface CompleteOptions {
  /** Receives text as the model streams it; when absent the call does not stream. */
  onDelta?: (text: string) => void | Promise<void>;
  /**
   * Ask for a JSON object: `true`, or the object's JSON Schema for providers that take one (`json_schema`). How it
   * is asked depends on the provider (src/llm/providers.ts); the answer's JSON is read the same way whatever it is.
   */
  json?: boolean | { name: string; schema: Record<string, unknown> };
}

/** A chat model behind any OpenAI-compatible endpoint. Failures throw `ProviderError`. */
export interface ChatModel {
  readonly name: string;
  complete(messages: readonly ChatMessage[], options?: CompleteOptions): Promise<string>;
  /** A cheap call that throws a ProviderError when the provider cannot be used (for /api/health). */
  probe?(): Promise<void>;
}

/** Why a provider call failed, in the words the response's `fallback` field uses. */
export type ProviderFailure = "timeout" | "rate_limited" | "provider_error" | "connection_error" | "stream_interrupted";

export class ProviderError extends Error {
  constructor(
    readonly reason: ProviderFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProviderError";
  }
}
