import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { realAppDeps } from "../support/app-deps.js";
import { badRequests } from "./bad-requests.js";

const COUNT = 2400;
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const MAX_BODY_BYTES = 65_536;
const dataDir = mkdtempSync(join(tmpdir(), "coach-fuzz-"));
const errors: unknown[] = [];
let server: ServerType;
let base = "";

beforeAll(async () => {
  const deps = await realAppDeps({
    env: { COACH_MAX_BODY_BYTES: String(MAX_BODY_BYTES) },
    logError: (error) => errors.push(error),
    sessionsFile: join(dataDir, "sessions.db"),
  });
  server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(() => {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`${COUNT} generated bad requests over HTTP (seed ${SEED})`, () => {
  it("are all refused with a 4xx in the error format, and the server still answers correctly afterwards", async () => {
    const requests = badRequests(COUNT, SEED, MAX_BODY_BYTES, () => crypto.randomUUID());
    const histogram = new Map<number, number>();
    const wrong: string[] = [];
    // Eight at a time: concurrent enough to interleave requests, bounded so the run stays quick.
    for (let i = 0; i < requests.length; i += 8) {
      await Promise.all(
        requests.slice(i, i + 8).map(async (request) => {
          const init: RequestInit = { method: request.method, headers: request.headers };
          if (request.body !== undefined) init.body = request.body;
          const response = await fetch(`${base}${request.path}`, init);
          histogram.set(response.status, (histogram.get(response.status) ?? 0) + 1);
          const text = await response.text();
          let shaped = false;
          try {
            const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
            shaped =
              typeof body.error?.code === "string" &&
              typeof body.error.message === "string" &&
              !/\bat \S+:\d+/.test(text);
          } catch {
            shaped = false;
          }
          if (response.status < 400 || response.status >= 500 || !shaped)
            wrong.push(
              `${request.kind} ${request.method} ${request.path.slice(0, 60)} → ${response.status} ${text.slice(0, 120)}`,
            );
        }),
      );
    }
    console.log(`fuzz status histogram: ${JSON.stringify(Object.fromEntries([...histogram].sort()))}`);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(errors).toEqual([]);
    expect([...histogram.values()].reduce((sum, n) => sum + n, 0)).toBe(COUNT);

    const health = (await (await fetch(`${base}/api/health`)).json()) as { status: string };
    expect(health.status).toBe("ok");
    const retrieve = await fetch(`${base}/api/retrieve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "如何克服老員工的消極心態", k: 3 }),
    });
    expect(retrieve.status).toBe(200);
    expect(((await retrieve.json()) as { results: Array<{ id: string }> }).results.map((chunk) => chunk.id)).toContain(
      "4.5.4.2.2-01",
    );
    const session = await fetch(`${base}/api/roleplay/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "passive-veteran" }),
    });
    expect(session.status).toBe(201);
  }, 120_000);
});
