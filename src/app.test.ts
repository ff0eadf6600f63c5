import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../test/support/app-deps.js";
import { type AppDeps, type AppType, createApp } from "./app.js";
import type { Chunk, SectionNode } from "./corpus/types.js";

let deps: AppDeps;
let app: AppType;
const logged: unknown[] = [];

beforeAll(async () => {
  deps = await realAppDeps({ env: { COACH_MAX_BODY_BYTES: "8192" }, logError: (error) => logged.push(error) });
  app = createApp(deps);
});

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  return body;
}

describe("GET /api/health", () => {
  it("reports the mode and the corpus size", async () => {
    const response = await app.request("/api/health");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      mode: string;
      corpus: { sections: number; chunks: number };
    };
    expect(body.status).toBe("ok");
    expect(body.mode).toBe("offline");
    expect(body.corpus.chunks).toBe(deps.corpus.chunks.length);
    expect(body.corpus.sections).toBeGreaterThanOrEqual(40);
  });
});

describe("corpus routes", () => {
  it("list every chunk in handbook order", async () => {
    const chunks = (await (await app.request("/api/corpus/chunks")).json()) as Chunk[];
    expect(chunks.length).toBe(deps.corpus.chunks.length);
    for (let i = 1; i < chunks.length; i++)
      expect((chunks[i] as Chunk).start).toBeGreaterThan((chunks[i - 1] as Chunk).start);
    for (const key of ["id", "sectionId", "title", "path", "text", "en", "raw", "start", "end"]) {
      expect(chunks[0]).toHaveProperty(key);
    }
  });

  it("return one chunk by id", async () => {
    const first = deps.corpus.chunks[0] as Chunk;
    const response = await app.request(`/api/corpus/chunks/${first.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(first);
  });

  it("answer an unknown chunk id with 404 in the error format", async () => {
    await expectError(await app.request("/api/corpus/chunks/9.9.9-99"), 404, "not_found");
  });

  it("return the heading tree with Chinese and English titles", async () => {
    const tree = (await (await app.request("/api/corpus/sections")).json()) as SectionNode[];
    expect(tree.map((node) => node.id)).toEqual(["1", "2", "3", "4"]);
    const count = (nodes: SectionNode[]): number => nodes.reduce((sum, node) => sum + 1 + count(node.children), 0);
    expect(count(tree)).toBe(deps.corpus.sections.length);
    const motivation = tree[3]?.children.find((node) => node.id === "4.5");
    expect(motivation?.title).toBe("對商務代表的激勵");
    expect(motivation?.titleEn).toBe("Motivating reps");
  });
});

describe("errors", () => {
  it("answer an unknown route with 404 in the error format", async () => {
    await expectError(await app.request("/api/nothing-here"), 404, "not_found");
    await expectError(await app.request("/api/health", { method: "DELETE" }), 405, "method_not_allowed");
  });

  describe("JSON bodies", () => {
    // Every JSON route goes through the same strict reader and the same schema hook: /api/retrieve stands for them.
    const post = (body: string, type = "application/json") =>
      app.request("/api/retrieve", { method: "POST", body, headers: { "content-type": type } });

    it("accept a valid body", async () => {
      const response = await post(JSON.stringify({ query: "新人培訓" }));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { query: string }).query).toBe("新人培訓");
    });

    it("reject malformed JSON with 400 bad_json", async () => {
      await expectError(await post('{"query": "新人"'), 400, "bad_json");
    });

    it("reject bytes that are not UTF-8 with 400 bad_json instead of answering U+FFFD", async () => {
      const bytes = new Uint8Array([
        0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
      ]);
      const response = await app.request("/api/retrieve", {
        method: "POST",
        body: bytes,
        headers: { "content-type": "application/json" },
      });
      await expectError(response, 400, "bad_json");
    });

    it("reject wrong fields with 400 invalid_request naming the field", async () => {
      const body = await expectError(await post(JSON.stringify({ query: 42 })), 400, "invalid_request");
      expect(body.error.message).toContain("query");
    });

    it("reject a body over the limit with 413", async () => {
      await expectError(await post(JSON.stringify({ query: "x".repeat(10_000) })), 413, "payload_too_large");
    });

    it("reject a non-JSON content type with 415", async () => {
      await expectError(await post("query=1", "application/x-www-form-urlencoded"), 415, "unsupported_media_type");
      await expectError(await post(JSON.stringify({ query: "新人" }), "text/plain"), 415, "unsupported_media_type");
    });
  });

  it("hide unexpected errors behind a 500 and log them", async () => {
    const failing = createApp(deps);
    failing.get("/api/boom", () => {
      throw new Error("secret detail at src/x.ts:12");
    });
    const body = await expectError(await failing.request("/api/boom"), 500, "internal");
    expect(JSON.stringify(body)).not.toContain("secret detail");
    expect(logged.length).toBeGreaterThan(0);
  });
});

describe("POST /api/retrieve", () => {
  const post = (body: unknown) =>
    app.request("/api/retrieve", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });

  it("answers with full chunks in the DESIGN shape", async () => {
    const response = await post({ query: "如何克服老員工的消極心態", k: 3 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      query: string;
      lang: string;
      normalized: string;
      abstained: boolean;
      results: Chunk[];
    };
    expect(body.lang).toBe("zh-Hant");
    expect(body.abstained).toBe(false);
    expect(body.results).toHaveLength(3);
    for (const key of ["id", "sectionId", "title", "path", "text", "en", "raw", "start", "end", "score"]) {
      expect(body.results[0]).toHaveProperty(key);
    }
  });

  it("rejects a query over 2,000 characters with a clear 400", async () => {
    const body = await expectError(await post({ query: "團".repeat(2001) }), 400, "invalid_request");
    expect(body.error.message).toContain("2000");
  });

  it("rejects k outside 1–20 and an unknown lang", async () => {
    await expectError(await post({ query: "催款", k: 0 }), 400, "invalid_request");
    await expectError(await post({ query: "催款", k: 21 }), 400, "invalid_request");
    await expectError(await post({ query: "催款", lang: "fr" }), 400, "invalid_request");
    await expectError(await post({ query: "   " }), 400, "invalid_request");
  });
});
