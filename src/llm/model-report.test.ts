import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { type ChatRequest, type OpenAIServer, startOpenAIServer } from "../../test/support/openai-server.js";
import { createApp } from "../app.js";
import { OpenAIChatModel } from "./openai.js";
import { providerProfile } from "./providers.js";

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

function labels(request: ChatRequest): string {
  const count = (request.messages.at(-1)?.content.match(/^\d+\. /gm) ?? []).length;
  return JSON.stringify({ labels: Array(count).fill("F") });
}

describe("which model answered, and when an answer fell back", () => {
  it("names the model in a kept answer, and /api/health counts fallbacks, streamed ones too, with the last reason", async () => {
    const model = new OpenAIChatModel({
      baseUrl: server.url,
      model: "named-model",
      timeoutMs: 2000,
      profile: providerProfile("vllm", undefined),
    });
    const app = createApp(await realAppDeps({ model }));
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    server.script({ kind: "json", content: labels });
    const kept = (await (
      await post("/api/fabe/score", { pitch: "這台印表機有500張的紙匣。它比別台多一倍。" })
    ).json()) as {
      mode: string;
      model?: string;
    };
    expect(kept).toMatchObject({ mode: "llm", model: "named-model" });

    server.script({ kind: "stream", content: "not json at all" });
    const streamed = await post("/api/advice", { scenario: "我的新人很興奮但兩個月沒成交", stream: true });
    expect(await streamed.text()).toMatch(/"fallback":"invalid_model_output"/);
    const health = (await (await app.request("/api/health")).json()) as {
      model: { name: string; provider: string; fallbacks: { count: number; last?: { reason: string } } };
    };
    expect(health.model).toMatchObject({
      name: "named-model",
      provider: "vllm",
      fallbacks: { count: 1, last: { reason: "invalid_model_output" } },
    });
  });
});
