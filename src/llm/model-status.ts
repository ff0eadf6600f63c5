import { type ChatMessage, type ChatModel, type CompleteOptions, ProviderError } from "./types.js";

/** What /api/health says about the model: whether its provider answered lately, and when we last knew. */
export interface ModelReport {
  name: string;
  /** The provider profile in use (COACH_LLM_PROVIDER or detected; docs/llm.md). */
  provider?: string;
  reachable: boolean | null;
  checkedAt: string | null;
  error?: string;
  /** Answers that fell back to the offline engine since the server started, and the latest one's reason. */
  fallbacks: { count: number; last?: { at: string; reason: string } };
}

/** How long an observation stands before health probes the provider again. */
const FRESH_MS = 30_000;

/**
 * The model's reachability as seen by real calls and, when those are old, by a cheap probe: a deployment whose
 * provider is down keeps answering (offline fallback), so health is the one place that says so.
 */
export class ModelStatus {
  private last?: { reachable: boolean; at: number; error?: string };
  private probing?: Promise<void>;
  private fallbackCount = 0;
  private lastFallback?: { at: number; reason: string };

  constructor(
    private readonly model: ChatModel,
    private readonly now: () => number = Date.now,
    private readonly provider?: string,
  ) {}

  /** An answer fell back to the offline engine (a provider failure, or an answer that did not validate). */
  noteFallback(reason: string): void {
    this.fallbackCount++;
    this.lastFallback = { at: this.now(), reason };
  }

  record(reachable: boolean, error?: string): void {
    this.last = { reachable, at: this.now(), ...(error ? { error } : {}) };
  }

  /** The current report, probing the provider first when nothing recent is known. */
  async report(): Promise<ModelReport> {
    if (this.model.probe && (!this.last || this.now() - this.last.at > FRESH_MS)) {
      this.probing ??= this.probe().finally(() => {
        this.probing = undefined;
      });
      await this.probing;
    }
    const last = this.lastFallback;
    return {
      name: this.model.name,
      ...(this.provider ? { provider: this.provider } : {}),
      fallbacks: {
        count: this.fallbackCount,
        ...(last ? { last: { at: new Date(last.at).toISOString(), reason: last.reason } } : {}),
      },
      reachable: this.last?.reachable ?? null,
      checkedAt: this.last ? new Date(this.last.at).toISOString() : null,
      ...(this.last?.error ? { error: this.last.error } : {}),
    };
  }

  private async probe(): Promise<void> {
    try {
      await this.model.probe?.();
      this.record(true);
    } catch (error) {
      this.record(false, error instanceof ProviderError ? error.reason : "provider_error");
    }
  }
}

/** A chat model whose every call updates a ModelStatus: real traffic is the best probe. */
export class TrackedChatModel implements ChatModel {
  readonly name: string;

  constructor(
    private readonly inner: ChatModel,
    private readonly status: ModelStatus,
  ) {
    this.name = inner.name;
  }

  async complete(messages: readonly ChatMessage[], options?: CompleteOptions): Promise<string> {
    try {
      const answer = await this.inner.complete(messages, options);
      this.status.record(true);
      return answer;
    } catch (error) {
      // A cut stream or a rate limit still means the provider answered.
      const reason = error instanceof ProviderError ? error.reason : "provider_error";
      this.status.record(reason === "rate_limited" || reason === "stream_interrupted", reason);
      throw error;
    }
  }
}
