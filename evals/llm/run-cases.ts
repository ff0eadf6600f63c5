import { createApp } from "../../src/app.js";
import type { CorpusIndex } from "../../src/corpus/corpus-index.js";
import { OpenAIChatModel } from "../../src/llm/openai.js";
import type { Lang } from "../../src/retrieval/types.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import type { ChatRequest, OpenAIServer } from "../../test/support/openai-server.js";
import type { LlmCases } from "./cases.js";

export type Capability = "advice" | "fabe" | "roleplay" | "chat";

/** One case as the product answered it in llm mode, with the model request it made for it. */
export interface CaseRun {
  capability: Capability;
  id: string;
  lang: Lang;
  /** The request the case is about (for a conversation, the follow-up's); absent if the product made none. */
  request?: ChatRequest;
  /** The HTTP answer's JSON. */
  answer: Record<string, unknown>;
}

/**
 * Runs every case through the product's HTTP routes in llm mode, with the model at `server` (a local
 * OpenAI-compatible server: the recorder or the replayer). Role-play sessions are numbered, so that a session's
 * request is the same on every run.
 */
export async function runCases(
  cases: LlmCases,
  server: OpenAIServer,
  model = "recorded",
): Promise<{ runs: CaseRun[]; corpus: CorpusIndex }> {
  let count = 0;
  const deps = await realAppDeps({
    model: new OpenAIChatModel({ baseUrl: server.url, model, timeoutMs: 20_000 }),
    newId: () => `11111111-0000-4000-8000-${(++count).toString(16).padStart(12, "0")}`,
  });
  const app = createApp(deps);
  const post = async (path: string, body: unknown) => {
    const response = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  const runs: CaseRun[] = [];
  const record = async (
    capability: Capability,
    id: string,
    lang: Lang,
    work: () => Promise<Record<string, unknown>>,
  ) => {
    const before = server.requests.length;
    const answer = await work();
    const made = server.requests.slice(before);
    const request = made.at(-1);
    runs.push({ capability, id, lang, answer, ...(request ? { request } : {}) });
  };
  for (const item of cases.advice)
    await record("advice", item.id, item.lang, () => post("/api/advice", { scenario: item.scenario, lang: item.lang }));
  for (const item of cases.fabe)
    await record("fabe", item.id, item.lang, () => post("/api/fabe/score", { pitch: item.pitch, lang: item.lang }));
  for (const item of cases.roleplay) {
    const session = await post("/api/roleplay/sessions", { persona: item.persona, lang: item.lang });
    await record("roleplay", item.id, item.lang, () =>
      post(`/api/roleplay/sessions/${session.id as string}/messages`, { text: item.text }),
    );
  }
  for (const item of cases.chat) {
    const conversation = await post("/api/conversations", { lang: item.lang });
    const path = `/api/conversations/${conversation.id as string}/messages`;
    await post(path, { text: item.first, lang: item.lang });
    await record("chat", item.id, item.lang, () => post(path, { text: item.followUp, lang: item.lang }));
  }
  return { runs, corpus: deps.corpus };
}
