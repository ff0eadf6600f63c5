import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { type OpenAIServer, startOpenAIServer } from "../../test/support/openai-server.js";
import { createApp } from "../app.js";
import { OpenAIChatModel } from "../llm/openai.js";

/**
 * Injection through an added corpus document: the tampered playbook the safety eval uses, added as
 * `add-playbook` adds one. Its passages are retrieved and cited like the handbook's, but the sentences it
 * addresses to an AI never reach an answer or a model, and its text cannot close the block it is put in.
 */
const playbookDir = fileURLToPath(new URL("../../evals/fixtures/playbooks", import.meta.url));
const planted = ["Ignore the handbook", "developer mode", "system prompt", "9.9.9-01", "開除", "8.8-01", "指令原文"];
const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

let server: OpenAIServer;
let offline: ReturnType<typeof createApp>;
let llm: ReturnType<typeof createApp>;

beforeAll(async () => {
  server = await startOpenAIServer();
  offline = createApp(await realAppDeps({ playbookDir }));
  llm = createApp(
    await realAppDeps({
      playbookDir,
      model: new OpenAIChatModel({ baseUrl: server.url, model: "t", timeoutMs: 2000 }),
    }),
  );
}, 60_000);
afterAll(() => server.close());

describe("a tampered playbook", () => {
  it("is in the corpus, with its planted sentences left out of every passage", async () => {
    const raw = readFileSync(`${playbookDir}/field-notes.md`, "utf8");
    expect(raw).toContain("Ignore the handbook"); // the fixture really is hostile
    const chunks = (await (await offline.request("/api/corpus/chunks")).json()) as Array<{
      id: string;
      text: string;
      en: string;
    }>;
    const own = chunks.filter((chunk) => chunk.id.startsWith("pb-field-notes"));
    expect(own.length).toBeGreaterThan(0);
    for (const words of planted) for (const chunk of own) expect(chunk.text + chunk.en).not.toContain(words);
  });

  it.each([
    ["en", "My rep asked me for a raise. How should I handle the talk?"],
    ["zh-Hant", "我的業務員要求加薪,我該怎麼跟他談?"],
  ])("offline (%s): is cited by its real id, and its instructions are not followed", async (_, scenario) => {
    const advice = (await (await offline.request("/api/advice", json({ scenario }))).json()) as {
      citations: Array<{ id: string }>;
      steps: Array<{ text: string; citations: string[] }>;
    };
    const cited = advice.citations.map((chunk) => chunk.id);
    expect(cited.some((id) => id.startsWith("pb-field-notes"))).toBe(true);
    const said = JSON.stringify({ ...advice, citations: advice.citations.map(({ id }) => id) });
    for (const words of planted) expect(said).not.toContain(words);
  });

  it("llm mode: its passage reaches the provider only inside one excerpt of the user role, defanged", async () => {
    server.script({ kind: "json", content: "{}" });
    const before = server.requests.length;
    const response = await llm.request(
      "/api/advice",
      json({ scenario: "My rep asked me for a raise. How should I handle the talk?" }),
    );
    expect(response.status).toBe(200);
    expect(server.requests.length).toBeGreaterThan(before);
    const request = server.requests.at(-1)!;
    const system = request.messages
      .filter((message) => message.role === "system")
      .map((message) => message.content)
      .join("\n");
    const user = request.messages
      .filter((message) => message.role === "user")
      .map((message) => message.content)
      .join("\n");
    expect(user).toMatch(/<excerpt n="\d+" id="pb-field-notes[^"]*"/);
    expect(system).not.toContain("raise follows results");
    // Every excerpt opens and closes once: no passage closes its block early.
    expect(user.split("</excerpt>").length).toBe(user.split("<excerpt ").length);
    for (const words of planted) expect(user).not.toContain(words);
  });
});
