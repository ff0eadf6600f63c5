import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../test/support/app-deps.js";
import { startOpenAIServer } from "../test/support/openai-server.js";
import { type AppType, createApp } from "./app.js";
import { OpenAIChatModel } from "./llm/openai.js";

let app: AppType;
const lines: string[] = [];

beforeAll(async () => {
  app = createApp(await realAppDeps({ log: (line) => lines.push(line) }));
});

const post = (target: AppType, path: string, body: unknown, headers: Record<string, string> = {}) =>
  target.request(path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document that lists every API route the app serves", async () => {
    const response = await app.request("/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const served = app.routes
      .filter((route) => route.path.startsWith("/api/") && ["GET", "POST", "PATCH", "DELETE"].includes(route.method))
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    const listed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(served.length).toBeGreaterThanOrEqual(13);
    expect(new Set(listed)).toEqual(new Set(served));
  });
});

describe("methods", () => {
  it("answer a wrong method on a known path with 405 and Allow, in the error format", async () => {
    const response = await app.request("/api/advice");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    const session = await app.request("/api/roleplay/sessions/abc", { method: "DELETE" });
    expect(session.status).toBe(405);
    expect(session.headers.get("allow")).toContain("GET");
  });

  it("send a page asked for with a trailing slash on to the page, and never call GET a wrong method", async () => {
    const docs = await app.request("/docs/?x=1");
    expect(docs.status).toBe(308);
    expect(docs.headers.get("location")).toBe("/docs?x=1");
    expect((await app.request("/api/nothing/")).status).toBe(404);
    // /api/advice takes only POST: its slash form is not sent on as a GET page, nor answered 405.
    const advice = await app.request("/api/advice/");
    expect(advice.status).toBe(404);
  });

  it("answer OPTIONS with the allowed methods, and an unknown path still with 404", async () => {
    const options = await app.request("/api/fabe/score", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("POST, OPTIONS");
    expect((await app.request("/api/nothing", { method: "OPTIONS" })).status).toBe(404);
  });
});

describe("CORS", () => {
  it("is off by default: no Access-Control-Allow-Origin", async () => {
    const response = await app.request("/api/health", { headers: { origin: "https://example.test" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows only the configured origins, preflight included", async () => {
    const open = createApp(await realAppDeps({ env: { COACH_CORS_ORIGINS: "https://crm.example.test" } }));
    const allowed = await open.request("/api/retrieve", {
      method: "OPTIONS",
      headers: { origin: "https://crm.example.test", "access-control-request-method": "POST" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://crm.example.test");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("Authorization");
    const other = await open.request("/api/health", { headers: { origin: "https://evil.example.test" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the request log", () => {
  it("writes one line per request with method, path, status and milliseconds, and no query string", async () => {
    lines.length = 0;
    await app.request("/api/fabe/drills?lang=en");
    await app.request("/api/nothing");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/api\/fabe\/drills 200 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^GET \/api\/nothing 404 /);
  });

  it("is silenced by COACH_LOG=errors", async () => {
    const quiet: string[] = [];
    const silent = createApp(await realAppDeps({ env: { COACH_LOG: "errors" }, log: (line) => quiet.push(line) }));
    await silent.request("/api/health");
    expect(quiet).toEqual([]);
  });
});

describe("lang is the answer's language", () => {
  const question = "我有個做了三年的老業務,業績還可以,但最近開會都不說話,叫他帶新人也推三阻四,怎麼辦?";

  it("a Chinese question with lang en gets an English answer citing the same passages", async () => {
    const auto = (await (await post(app, "/api/advice", { scenario: question })).json()) as AdviceBody;
    const english = (await (await post(app, "/api/advice", { scenario: question, lang: "en" })).json()) as AdviceBody;
    expect(auto.lang).toBe("zh-Hant");
    expect(english.lang).toBe("en");
    expect(english.queryLang).toBe("zh-Hant");
    expect(english.abstained).toBe(false);
    expect(english.citations.map((chunk) => chunk.id)).toEqual(auto.citations.map((chunk) => chunk.id));
    expect(english.summary).not.toMatch(/\p{Script=Han}{4}/u);
  });

  it("retrieval finds the same passages whatever answer language is asked for", async () => {
    const ids = async (lang?: string) => {
      const body = (await (
        await post(app, "/api/retrieve", { query: question, ...(lang ? { lang } : {}) })
      ).json()) as {
        results: Array<{ id: string }>;
        lang: string;
        queryLang: string;
      };
      return { ids: body.results.map((chunk) => chunk.id), lang: body.lang, queryLang: body.queryLang };
    };
    const auto = await ids();
    for (const lang of ["en", "zh-Hans", "zh-Hant"]) {
      const other = await ids(lang);
      expect(other.ids).toEqual(auto.ids);
      expect(other.lang).toBe(lang);
      expect(other.queryLang).toBe("zh-Hant");
    }
    expect(auto.ids.length).toBeGreaterThan(0);
  });
});

interface AdviceBody {
  lang: string;
  queryLang: string;
  abstained: boolean;
  summary: string;
  citations: Array<{ id: string }>;
}

describe("health in llm mode", () => {
  it("says degraded, with the model unreachable, when the provider does not answer", async () => {
    // Port 9 on loopback: nothing listens, so the connection is refused at once.
    const model = new OpenAIChatModel({ baseUrl: "http://127.0.0.1:9/v1", model: "m", timeoutMs: 500 });
    const llm = createApp(await realAppDeps({ model }));
    const body = (await (await llm.request("/api/health")).json()) as HealthBody;
    expect(body.mode).toBe("llm");
    expect(body.status).toBe("degraded");
    expect(body.model).toMatchObject({ name: "m", reachable: false, error: "connection_error" });
  });

  it("says ok and reachable when the provider answers", async () => {
    const server = await startOpenAIServer();
    try {
      const model = new OpenAIChatModel({ baseUrl: server.url, model: "m", timeoutMs: 1000 });
      const llm = createApp(await realAppDeps({ model }));
      const body = (await (await llm.request("/api/health")).json()) as HealthBody;
      expect(body.status).toBe("ok");
      expect(body.model?.reachable).toBe(true);
      expect(body.model?.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await server.close();
    }
  });

  it("learns from real calls: a failed answer marks the provider unreachable, and the log names the fallback", async () => {
    const server = await startOpenAIServer();
    const logged: string[] = [];
    try {
      const model = new OpenAIChatModel({ baseUrl: server.url, model: "m", timeoutMs: 1000 });
      const llm = createApp(await realAppDeps({ model, log: (line) => logged.push(line) }));
      expect(((await (await llm.request("/api/health")).json()) as HealthBody).model?.reachable).toBe(true);
      await server.close();
      const advice = (await (await post(llm, "/api/advice", { scenario: "新人不會開發客戶怎麼辦" })).json()) as {
        fallback?: string;
      };
      expect(advice.fallback).toBe("connection_error");
      expect(logged.some((line) => /^POST \/api\/advice 200 .* fallback=connection_error$/.test(line))).toBe(true);
      const body = (await (await llm.request("/api/health")).json()) as HealthBody;
      expect(body.status).toBe("degraded");
      expect(body.model?.reachable).toBe(false);
    } finally {
      await server.close().catch(() => {});
    }
  });
});

interface HealthBody {
  status: string;
  mode: string;
  model?: { name: string; reachable: boolean | null; checkedAt: string | null; error?: string };
}
