import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { type AppDeps, createApp } from "../../app.js";

let deps: AppDeps;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  deps = await realAppDeps();
  app = createApp(deps);
});

const json = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

async function start(persona: string, lang = "zh-Hant") {
  const response = await app.request("/api/roleplay/sessions", json({ persona, lang }));
  expect(response.status).toBe(201);
  return (await response.json()) as {
    id: string;
    messages: Array<{ role: string; text: string }>;
    state: Record<string, number | string | null>;
  };
}

async function say(id: string, text: string) {
  const response = await app.request(`/api/roleplay/sessions/${id}/messages`, json({ text }));
  return {
    status: response.status,
    body: (await response.json()) as {
      reply: { text: string };
      state: Record<string, number | string | null>;
      moves: string[];
      hint?: { text: string; basis: string[] };
    },
  };
}

describe("role-play", () => {
  it("lists at least six reps and three customers, each grounded in real passages", async () => {
    const personas = (await (await app.request("/api/roleplay/personas")).json()) as Array<{
      id: string;
      mode: string;
      basis: string[];
    }>;
    expect(personas.filter((persona) => persona.mode === "manager-rep").length).toBeGreaterThanOrEqual(6);
    expect(personas.filter((persona) => persona.mode === "rep-customer").length).toBeGreaterThanOrEqual(3);
    for (const persona of personas) for (const id of persona.basis) expect(deps.corpus.chunk(id), id).toBeDefined();
  });

  it("closes the veteran up under harsh criticism and opens him up when given responsibility", async () => {
    const harsh = await start("passive-veteran");
    const criticised = await say(harsh.id, "你到底在混什麼?業績就這樣,太差了!");
    expect(criticised.body.moves).toContain("harsh-criticism");
    expect(Number(criticised.body.state.trust)).toBeLessThan(Number(harsh.state.trust));
    expect(criticised.body.hint?.basis.length).toBeGreaterThan(0);

    const kind = await start("passive-veteran");
    const trusted = await say(kind.id, "你經驗最豐富,我想請你來主持每週的部門會議,帶新人也交給你負責。");
    expect(trusted.body.moves).toContain("give-responsibility");
    expect(Number(trusted.body.state.willingness)).toBeGreaterThan(Number(kind.state.willingness));
  });

  it("drops the owner's trust on a 100% guarantee and the debrief cites the principle", async () => {
    const session = await start("price-doubting-owner", "en");
    const turn = await say(session.id, "I guarantee you'll double your orders next month, 100% guaranteed.");
    expect(turn.body.moves).toContain("casual-promise");
    expect(Number(turn.body.state.trust)).toBeLessThan(Number(session.state.trust));
    const debrief = (await (
      await app.request(`/api/roleplay/sessions/${session.id}/debrief`, { method: "POST" })
    ).json()) as {
      criteria: Array<{ name: string; met: boolean; quote: string; citations: string[] }>;
    };
    const promise = debrief.criteria.find((criterion) => criterion.name === "No casual promises");
    expect(promise?.met).toBe(false);
    expect(promise?.quote).toContain("guarantee");
    for (const criterion of debrief.criteria)
      for (const id of criterion.citations) expect(deps.corpus.chunk(id), id).toBeDefined();
  });

  it("never repeats its previous reply, and answers in the user's script", async () => {
    const session = await start("passive-veteran", "auto");
    let previous = session.messages[0]?.text;
    for (const text of ["嗯", "嗯", "嗯", "好的", "嗯"]) {
      const turn = await say(session.id, text);
      if (turn.status !== 200) break;
      expect(turn.body.reply.text).not.toBe(previous);
      previous = turn.body.reply.text;
    }
    const simplified = await start("passive-veteran", "auto");
    const reply = await say(simplified.id, "你最近怎么样?我想听听你的想法。");
    expect(reply.body.reply.text).not.toMatch(/[們說這個]/);
  });

  it("keeps the whole transcript and refuses turns after the end with a clear 422", async () => {
    const session = await start("busy-executive", "en");
    let status = 200;
    let turns = 0;
    while (status === 200 && turns < 20) {
      status = (await say(session.id, "Let me tell you about our product features.")).status;
      turns++;
    }
    expect(status).toBe(422);
    const stored = (await (await app.request(`/api/roleplay/sessions/${session.id}`)).json()) as {
      messages: unknown[];
      ended: boolean;
    };
    expect(stored.ended).toBe(true);
    expect(stored.messages.length).toBe(1 + 2 * (turns - 1));
  });

  it("answers unknown ids, unknown personas and long messages with 4xx in the error format", async () => {
    expect((await app.request("/api/roleplay/sessions/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await app.request("/api/roleplay/sessions/not-an-id")).status).toBe(404);
    expect((await app.request("/api/roleplay/sessions", json({ persona: "nobody" }))).status).toBe(404);
    const session = await start("steady-new-hire");
    expect((await say(session.id, "x".repeat(1001))).status).toBe(400);
    const ids = new Set([session.id, (await start("steady-new-hire")).id]);
    expect(ids.size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("role-play in llm mode, against a local OpenAI-compatible server", () => {
  it("lets the model say the line while the same state tracking runs, and falls back on failure", async () => {
    const { startOpenAIServer } = await import("../../../test/support/openai-server.js");
    const { OpenAIChatModel } = await import("../../llm/openai.js");
    const server = await startOpenAIServer();
    try {
      const llmDeps = await realAppDeps({
        model: new OpenAIChatModel({ baseUrl: server.url, model: "t", timeoutMs: 400 }),
      });
      const llmApp = createApp(llmDeps);
      const created = (await (
        await llmApp.request("/api/roleplay/sessions", json({ persona: "passive-veteran", lang: "zh-Hant" }))
      ).json()) as { id: string; state: Record<string, number> };
      server.script({ kind: "json", content: "好吧,經理,你說的我會想一想。" });
      const turn = (await (
        await llmApp.request(`/api/roleplay/sessions/${created.id}/messages`, json({ text: "你到底在混什麼?太差了!" }))
      ).json()) as {
        reply: { text: string };
        mode: string;
        state: Record<string, number>;
      };
      expect(turn.mode).toBe("llm");
      expect(turn.reply.text).toBe("好吧,經理,你說的我會想一想。");
      expect(turn.state.trust).toBeLessThan(created.state.trust as number);
      const request = server.requests.at(-1);
      expect(request?.messages.find((message) => message.role === "system")?.content).not.toContain("你到底在混什麼");

      // A proposal: the prompt tells the model what the simulation's line does with it, and the line is of that kind.
      server.script({ kind: "json", content: "主持會議?好吧,我來試試。" });
      const proposed = (await (
        await llmApp.request(
          `/api/roleplay/sessions/${created.id}/messages`,
          json({ text: "下週一的部門會議想請你來主持,你看可以嗎?" }),
        )
      ).json()) as { replyKind: string; mode: string };
      expect(proposed.mode).toBe("llm");
      expect(["accept", "counter"]).toContain(proposed.replyKind);
      const settings = JSON.parse(
        readFileSync(new URL("../../../prompts/roleplay-settings.json", import.meta.url), "utf8"),
      );
      const kindSentence = settings.llm.kinds[proposed.replyKind] as string;
      expect(server.requests.at(-1)?.messages.find((message) => message.role === "system")?.content).toContain(
        kindSentence,
      );

      server.script({ kind: "status", status: 500 });
      const down = (await (
        await llmApp.request(
          `/api/roleplay/sessions/${created.id}/messages`,
          json({ text: "我想請你來主持部門會議。" }),
        )
      ).json()) as { mode: string; fallback: string; reply: { text: string } };
      expect(down.mode).toBe("offline");
      expect(down.fallback).toBe("provider_error");
      expect(down.reply.text.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe("a session's reactions", () => {
  it("never says the same line twice while the card has another for the situation", async () => {
    const session = await start("passive-veteran");
    const replies: string[] = [];
    // Small talk four times over: the same situation every turn.
    for (const text of ["嗯。", "好。", "嗯嗯。", "好的。"]) {
      const turn = await say(session.id, text);
      expect(turn.status).toBe(200);
      replies.push(turn.body.reply.text);
    }
    expect(new Set(replies).size).toBe(replies.length);
  });

  it("tells what each move did to the meters, with the words that made it", async () => {
    const session = await start("passive-veteran");
    const turn = await say(session.id, "下個月新人的電話演練,我想交給你來負責。");
    const effects = (turn.body as unknown as { effects: Array<{ move: string; quote: string; changes: object }> })
      .effects;
    const responsibility = effects.find((effect) => effect.move === "give-responsibility");
    expect(responsibility?.quote).toContain("交給你來負責");
    expect(Object.values(responsibility?.changes ?? {}).some((delta) => (delta as number) > 0)).toBe(true);
  });
});
