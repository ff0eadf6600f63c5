import { describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { createApp } from "../app.js";
import { RateLimiter } from "./rate-limit.js";

describe("RateLimiter", () => {
  it("allows a burst of the limit, then refills evenly", () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now); // one a second
    for (let i = 0; i < 60; i++) expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    expect(limiter.take("b")).toBe(0); // clients are counted apart
    now += 1000;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
  });

  it("forgets idle clients when it tracks too many, and only idle ones", () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now, 3);
    for (const client of ["a", "b", "c"]) limiter.take(client);
    now += 120_000; // a, b and c are full again: idle
    limiter.take("b"); // b is busy again
    limiter.take("d"); // a fourth client: the idle ones go
    expect(limiter.tracked).toBe(2); // b and d
    limiter.take("b");
    expect(limiter.take("b")).toBeGreaterThan(0); // b kept its count: it was not forgotten
  });
});

describe("the rate limit over HTTP", () => {
  it("answers 429 with Retry-After in the error format, leaves health and other clients alone", async () => {
    const now = 0;
    const deps = await realAppDeps();
    deps.http.rateLimit = {
      limiter: new RateLimiter(3, () => now),
      clientKey: (context) => context.req.header("x-client") ?? "anonymous",
    };
    const app = createApp(deps);
    const retrieve = (client: string) =>
      app.request("/api/retrieve", {
        method: "POST",
        headers: { "content-type": "application/json", "x-client": client },
        body: JSON.stringify({ query: "新人培訓" }),
      });
    for (let i = 0; i < 3; i++) expect((await retrieve("a")).status).toBe(200);
    const refused = await retrieve("a");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect((await retrieve("b")).status).toBe(200);
    expect((await app.request("/api/health", { headers: { "x-client": "a" } })).status).toBe(200);
  });
});
