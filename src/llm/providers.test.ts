import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import {
  type Behaviour,
  type ChatRequest,
  type OpenAIServer,
  startOpenAIServer,
} from "../../test/support/openai-server.js";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { OpenAIChatModel } from "./openai.js";
import { detectProvider, type ProviderName, providerProfile } from "./providers.js";

const SCENARIO = "我有個做了三年的老業務,業績還可以,但最近開會都不說話,叫他帶新人也推三阻四,怎麼辦?";
let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

/** An answer that cites and quotes the first excerpt it was shown. */
function answer(request: ChatRequest): string {
  const user = request.messages.find((message) => message.role === "user")?.content ?? "";
  const [, id, text] = /<excerpt n="1" id="([^"]+)"[^>]*>\n([^\n]+)\n/.exec(user) ?? [];
  return JSON.stringify({
    summary: "先了解他,再給他責任。",
    steps: [{ text: "私下談,先肯定他的貢獻。", citations: [id], quote: text?.slice(0, 10) }],
    talkTrack: [],
    watch: [],
  });
}

/** The parameters the OpenAI wire format defines for a chat completion (what a strict server accepts). */
const STANDARD = new Set(["model", "messages", "temperature", "response_format", "stream", "stream_options"]);

async function adviseWith(provider: ProviderName, behaviour: Behaviour, stream = false) {
  server.script(behaviour);
  const before = server.requests.length;
  const model = new OpenAIChatModel({
    baseUrl: server.url,
    model: "quirk-test",
    timeoutMs: 2000,
    profile: providerProfile(provider, undefined),
  });
  const app = createApp(await realAppDeps({ model }));
  const response = await app.request("/api/advice", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: SCENARIO, stream }),
  });
  const body = stream
    ? JSON.parse(/event: final\ndata: (.*)\n/.exec(await response.text())?.[1] ?? "{}")
    : await response.json();
  return {
    advice: body as { mode: string; fallback?: string; steps: Array<{ quote?: string }> },
    sent: server.requests.slice(before),
  };
}

describe("provider profiles, each against the local server imitating that provider's quirks", () => {
  it("OpenAI: the answer's JSON Schema (json_schema), usage asked for in a stream", async () => {
    const { advice, sent } = await adviseWith("openai", { kind: "stream", content: answer }, true);
    expect(advice.mode).toBe("llm");
    const request = sent[0] as ChatRequest;
    expect(request.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "advice" } });
    expect(request.stream_options).toEqual({ include_usage: true });
  });

  it("DeepSeek: refuses json_schema (never sent: json_object), reasoning before the answer is stripped", async () => {
    const { advice, sent } = await adviseWith("deepseek", {
      kind: "quirk",
      reject: (request) =>
        (request.response_format as { type?: string } | undefined)?.type === "json_schema"
          ? "This response_format type is unavailable now"
          : undefined,
      answer: {
        kind: "json",
        content: (request) => `<think>The manager needs a plan. {draft}</think>\n${answer(request)}`,
      },
    });
    expect(advice.mode).toBe("llm");
    expect(sent).toHaveLength(1);
    expect((sent[0]?.response_format as { type?: string } | undefined)?.type).toBe("json_object");
  });

  it("Qwen (DashScope compatible mode): thinking must be off, so enable_thinking: false goes with every request", async () => {
    const { advice } = await adviseWith("qwen", {
      kind: "quirk",
      reject: (request) =>
        request.enable_thinking === false
          ? undefined
          : "parameter.enable_thinking must be set to false for non-streaming calls",
      answer: { kind: "json", content: answer },
    });
    expect(advice.mode).toBe("llm");
  });

  it("Ollama: no stream_options, and a reasoning model's <think> inside the streamed content", async () => {
    const { advice, sent } = await adviseWith(
      "ollama",
      {
        kind: "quirk",
        reject: (request) => (request.stream_options ? "unknown field stream_options" : undefined),
        answer: { kind: "stream", content: (request) => `<think>\nLet me think.\n</think>\n\n${answer(request)}` },
      },
      true,
    );
    expect(advice.mode).toBe("llm");
    expect(sent[0]?.stream_options).toBeUndefined();
  });

  it("vLLM: a 400 to any parameter it does not know; the request has none", async () => {
    const { advice, sent } = await adviseWith("vllm", {
      kind: "quirk",
      reject: (request) => {
        const unknown = Object.keys(request).filter((key) => !STANDARD.has(key));
        return unknown.length ? `Extra inputs are not permitted: ${unknown.join(", ")}` : undefined;
      },
      answer: { kind: "json", content: answer },
    });
    expect(advice.mode).toBe("llm");
    expect((sent[0]?.response_format as { type?: string } | undefined)?.type).toBe("json_schema");
  });

  it("Workers AI: 400 on stream_options; an answer with prose around its JSON is still read", async () => {
    const { advice, sent } = await adviseWith(
      "workers-ai",
      {
        kind: "quirk",
        reject: (request) => (request.stream_options ? "stream_options is not supported" : undefined),
        answer: {
          kind: "stream",
          content: (request) => `Here is the advice you asked for:\n${answer(request)}\nGood luck!`,
        },
      },
      true,
    );
    expect(advice.mode).toBe("llm");
    expect(sent).toHaveLength(1);
  });

  it("a provider that refuses a way of asking for JSON is asked the next weaker way, and then always so", async () => {
    const refuseFormats: Behaviour = {
      kind: "quirk",
      reject: (request) => (request.response_format ? "response_format is not supported by this model" : undefined),
      answer: { kind: "json", content: (request) => `Sure.\n${answer(request)}` },
    };
    const { advice, sent } = await adviseWith("openai", refuseFormats);
    expect(advice.mode).toBe("llm");
    // json_schema refused, json_object refused, then the prompt alone.
    expect(sent.map((request) => (request.response_format as { type?: string } | undefined)?.type ?? "prompt")).toEqual(
      ["json_schema", "json_object", "prompt"],
    );
  });

  it("picks the profile from COACH_LLM_PROVIDER, else from the base URL's host", () => {
    expect(detectProvider(undefined)).toBe("openai");
    expect(detectProvider("https://api.deepseek.com/v1")).toBe("deepseek");
    expect(detectProvider("https://dashscope-intl.aliyuncs.com/compatible-mode/v1")).toBe("qwen");
    expect(detectProvider("http://localhost:11434/v1")).toBe("ollama");
    expect(detectProvider("https://api.cloudflare.com/client/v4/accounts/abc/ai/v1")).toBe("workers-ai");
    expect(detectProvider("http://10.0.0.5:8000/v1")).toBe("generic");
    expect(loadConfig({ COACH_LLM_BASE_URL: "http://10.0.0.5:8000/v1", COACH_LLM_PROVIDER: "vllm" }).llm.provider).toBe(
      "vllm",
    );
    expect(() => loadConfig({ COACH_LLM_PROVIDER: "gemini" })).toThrow(/COACH_LLM_PROVIDER/);
  });
});
