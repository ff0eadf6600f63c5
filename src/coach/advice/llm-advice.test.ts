import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { type ChatRequest, type OpenAIServer, startOpenAIServer } from "../../../test/support/openai-server.js";
import { type AppDeps, createApp } from "../../app.js";
import { OpenAIChatModel } from "../../llm/openai.js";
import type { Advice } from "./types.js";

const SCENARIO = "我有個做了三年的老業務,業績還可以,但最近開會都不說話,叫他帶新人也推三阻四,怎麼辦?";
let server: OpenAIServer;
let deps: AppDeps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  server = await startOpenAIServer();
  const model = new OpenAIChatModel({ baseUrl: server.url, model: "test-model", timeoutMs: 400 });
  deps = await realAppDeps({ model });
  app = createApp(deps);
});
afterAll(() => server.close());

/** The excerpts the model was shown: id and Chinese text. */
function excerpts(request: ChatRequest): Array<{ id: string; text: string }> {
  const user = request.messages.find((message) => message.role === "user")?.content ?? "";
  return [...user.matchAll(/<excerpt n="\d+" id="([^"]+)"[^>]*>\n([^\n]+)\n/g)].map((match) => ({
    id: match[1] as string,
    text: match[2] as string,
  }));
}

/** A well-behaved model answer that cites what it was shown and quotes it verbatim. */
function goodAnswer(request: ChatRequest): string {
  const [first, second] = excerpts(request);
  return JSON.stringify({
    summary: "這是一位資深但意願下降的老業務。",
    steps: [
      { text: "先拋開業績,讓他參與部門管理。", citations: [first?.id], quote: first?.text.slice(0, 12) },
      { text: "給他帶新人的明確責任。", citations: [second?.id ?? first?.id] },
    ],
    talkTrack: [{ text: "「最近感覺怎麼樣?」", citations: [first?.id] }],
    watch: [{ text: "看他是否主動發言。", citations: [first?.id] }],
  });
}

async function advise(body: object = { scenario: SCENARIO }): Promise<Advice> {
  const response = await app.request("/api/advice", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Advice;
}

describe("advice in llm mode, against a local OpenAI-compatible server", () => {
  it("uses the model's answer when it validates, and keeps user text out of the system role", async () => {
    server.script({ kind: "json", content: goodAnswer });
    const advice = await advise();
    expect(advice.mode).toBe("llm");
    expect(advice.fallback).toBeUndefined();
    expect(advice.steps).toHaveLength(2);
    expect(advice.dropped_citations).toBe(0);
    for (const step of advice.steps) expect(step.citations.length).toBeGreaterThan(0);
    expect(advice.steps[0]?.quote).toBeDefined();
    const request = server.requests.at(-1) as ChatRequest;
    const system = request.messages
      .filter((message) => message.role === "system")
      .map((message) => message.content)
      .join("\n");
    expect(system).not.toContain("老業務");
    const user = request.messages.find((message) => message.role === "user")?.content ?? "";
    expect(user).toContain(`<scenario>\n${SCENARIO}\n</scenario>`);
    expect(user).toMatch(/<excerpt n="1" id="[\d.]+-\d\d"/);
  });

  it("streams deltas and then one final validated response over SSE", async () => {
    server.script({ kind: "stream", content: goodAnswer });
    const response = await app.request("/api/advice", {
      method: "POST",
      body: JSON.stringify({ scenario: SCENARIO, stream: true }),
      headers: { "content-type": "application/json" },
    });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = [...(await response.text()).matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((match) => ({
      event: match[1],
      data: match[2],
    }));
    expect(events.filter((event) => event.event === "delta").length).toBeGreaterThan(1);
    const final = events.at(-1);
    expect(final?.event).toBe("final");
    expect((JSON.parse(final?.data ?? "{}") as Advice).mode).toBe("llm");
  });

  const failures: Array<[string, () => void, string]> = [
    ["a 500 (after one retry)", () => server.script({ kind: "status", status: 500 }), "provider_error"],
    ["a 429 (after one retry)", () => server.script({ kind: "status", status: 429 }), "rate_limited"],
    ["a hang past the timeout", () => server.script({ kind: "hang" }), "timeout"],
    [
      "malformed JSON",
      () => server.script({ kind: "json", content: "here is my advice: {not json" }),
      "invalid_model_output",
    ],
  ];
  for (const [name, setUp, reason] of failures) {
    it(`falls back to offline advice on ${name}`, async () => {
      setUp();
      const before = server.requests.length;
      const advice = await advise();
      expect(advice.mode).toBe("offline");
      expect(advice.fallback).toBe(reason);
      expect(advice.steps.length).toBeGreaterThanOrEqual(3);
      if (reason !== "invalid_model_output") expect(server.requests.length - before).toBe(2);
      if (reason === "timeout") {
        // No leaked connection: both timed-out attempts were aborted, not left open at the provider.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(server.openHanging()).toBe(0);
      }
    });
  }

  it("falls back when the stream is cut mid-answer", async () => {
    server.script({ kind: "stream", content: goodAnswer, cutAfter: 2 });
    const response = await app.request("/api/advice", {
      method: "POST",
      body: JSON.stringify({ scenario: SCENARIO, stream: true }),
      headers: { "content-type": "application/json" },
    });
    const final = [...(await response.text()).matchAll(/event: final\ndata: (.*)\n/g)].at(-1)?.[1];
    const advice = JSON.parse(final ?? "{}") as Advice;
    expect(advice.mode).toBe("offline");
    expect(advice.fallback).toBe("stream_interrupted");
  });

  it("removes a citation of a chunk that does not exist and a quote that is not verbatim, and counts them", async () => {
    server.script({
      kind: "json",
      content: (request) => {
        const [first] = excerpts(request);
        return JSON.stringify({
          summary: "s",
          steps: [
            { text: "ok", citations: [first?.id, "9.9.9-99"] },
            { text: "made up source", citations: ["9.9.9-98"] },
            { text: "bad quote", citations: [first?.id], quote: "手冊裡沒有這句話" },
          ],
        });
      },
    });
    const advice = await advise();
    expect(advice.mode).toBe("llm");
    expect(advice.steps.map((step) => step.text)).toEqual(["ok", "bad quote"]);
    expect(advice.steps[1]?.quote).toBeUndefined();
    expect(advice.dropped_citations).toBe(3);
    for (const step of advice.steps) for (const id of step.citations) expect(deps.corpus.chunk(id)).toBeDefined();
  });

  it("falls back when no step keeps a valid citation", async () => {
    server.script({
      kind: "json",
      content: JSON.stringify({ summary: "s", steps: [{ text: "x", citations: ["0.0-00"] }] }),
    });
    const advice = await advise();
    expect(advice.mode).toBe("offline");
    expect(advice.fallback).toBe("no_valid_citations");
  });
});
