import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "./errors.js";

/**
 * A token bucket per client: `perMinute` requests in a burst, refilled at `perMinute / 60` a second. In
 * process memory, so on Workers each isolate counts on its own (a soft limit; a global one needs a Durable
 * Object or Cloudflare's rate-limiting binding).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Above this many tracked clients, full (idle) buckets are forgotten: memory stays bounded. */
    private readonly maxClients = 10_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** How many clients are tracked (bounded by forgetting idle ones). */
  get tracked(): number {
    return this.buckets.size;
  }

  /** Takes one token for the client: 0 when allowed, else the seconds to wait before one is available. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (!this.buckets.has(client)) {
      if (this.buckets.size >= this.maxClients) this.forgetIdle(now);
      this.buckets.set(client, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  private forgetIdle(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(client);
    }
  }
}

/** Refuses a client over its limit with 429, `Retry-After` and the error format. */
export function rateLimit(limiter: RateLimiter, clientKey: (context: Context) => string): MiddlewareHandler {
  return async (context, next) => {
    const wait = limiter.take(clientKey(context));
    if (wait > 0) {
      context.header("Retry-After", String(wait));
      throw new AppError("rate_limited", `Too many requests; try again in ${wait} s.`);
    }
    await next();
  };
}
