import type { Context } from "hono";
import type { AppDeps } from "../app.js";
import type { Config } from "../config.js";
import { RateLimiter } from "./rate-limit.js";

/** Tokens and the rate limit from the config; each runtime says how it knows a client's address. */
export function accessDeps(config: Config, clientKey: (context: Context) => string): Pick<AppDeps, "tokens" | "rateLimit"> {
  return {
    ...(config.tokens ? { tokens: config.tokens } : {}),
    ...(config.rateLimitPerMinute > 0 ? { rateLimit: { limiter: new RateLimiter(config.rateLimitPerMinute), clientKey } } : {}),
  };
}
