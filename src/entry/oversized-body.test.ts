import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { createApp } from "../app.js";

const ROUTES = [
  "/api/advice",
  "/api/retrieve",
  "/api/fabe/score",
  "/api/roleplay/sessions",
  "/api/roleplay/sessions/any/messages",
];
const TYPES = [undefined, "application/json", "text/plain", "application/x-www-form-urlencoded"];

let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  const app = createApp(await realAppDeps());
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server?.close();
});

interface Outcome {
  status?: number;
  code?: string;
  reset?: string;
}

/** Sends `size` bytes in 64 KiB writes (with Content-Length, or chunked) and reports what came back, or the reset. */
function send(path: string, type: string | undefined, size: number, chunked: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = {};
    if (type) headers["content-type"] = type;
    if (!chunked) headers["content-length"] = size;
    const outgoing = request({ host: "127.0.0.1", port, path, method: "POST", headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (part: string) => {
        text += part;
      });
      response.on("end", () => {
        try {
          resolve({
            status: response.statusCode ?? 0,
            code: (JSON.parse(text) as { error: { code: string } }).error.code,
          });
        } catch {
          resolve({ status: response.statusCode ?? 0, code: `not the error format: ${text.slice(0, 80)}` });
        }
      });
      response.on("error", (error) => resolve({ reset: error.message }));
    });
    outgoing.on("error", (error) => resolve({ reset: (error as NodeJS.ErrnoException).code ?? error.message }));
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const part = piece.subarray(0, Math.min(piece.length, size - sent));
        sent += part.length;
        if (!outgoing.write(part)) {
          outgoing.once("drain", write);
          return;
        }
      }
      outgoing.end();
    };
    write();
  });
}

describe("an oversized body on the Node server", () => {
  it("is always answered 413 in the error format: 100 requests across routes and content types, no reset", async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 100; i++) {
      const size = 1_000_000 + ((i * 104_729) % 1_000_000);
      const path = ROUTES[i % ROUTES.length] as string;
      const type = TYPES[Math.floor(i / ROUTES.length) % TYPES.length];
      outcomes.push(await send(path, type, size, i % 2 === 1));
    }
    const resets = outcomes.filter((outcome) => outcome.reset);
    expect(resets).toEqual([]);
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 413, code: "payload_too_large" });
  }, 120_000);
});
