import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { nodeAppDeps } from "../../src/entry/node-deps.js";

/**
 * One contract, two builds: with COACH_CONTRACT_URL set it runs against that server (`.ci/run` points it
 * at `wrangler dev`); without, against the Node build (LanceDB + SQLite) started here.
 */
let base = process.env.COACH_CONTRACT_URL ?? "";
let server: ServerType | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "coach-contract-"));

beforeAll(async () => {
  if (base) return;
  const config = loadConfig({ COACH_DATA_DIR: dataDir });
  const app = createApp(await nodeAppDeps(config, () => {}));
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server?.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${base}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

async function expectError(response: Response, status: number) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
}

describe(`the HTTP contract (${process.env.COACH_CONTRACT_URL ? "given server" : "Node build"})`, () => {
  it("health", async () => {
    const body = (await (await fetch(`${base}/api/health`)).json()) as { status: string; corpus: { chunks: number } };
    expect(body.status).toBe("ok");
    expect(body.corpus.chunks).toBeGreaterThan(50);
  });

  it("retrieve", async () => {
    const body = (await (await post("/api/retrieve", { query: "如何克服老員工的消極心態", k: 3 })).json()) as {
      results: Array<{ id: string; raw: string; start: number }>;
    };
    expect(body.results).toHaveLength(3);
    expect(body.results.map((chunk) => chunk.id)).toContain("4.5.4.2.2-01");
  });

  it("advice, JSON and streamed", async () => {
    const advice = (await (
      await post("/api/advice", { scenario: "My new hire is super excited but hasn't closed anything in two months." })
    ).json()) as { lang: string; steps: unknown[] };
    expect(advice.lang).toBe("en");
    expect(advice.steps.length).toBeGreaterThanOrEqual(3);
    const stream = await post("/api/advice", { scenario: "月底才出单,前三周都没动静", stream: true });
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(await stream.text()).toMatch(/event: final/);
  });

  it("FABE", async () => {
    const result = (await (
      await post("/api/fabe/score", { pitch: "This printer has a 500-sheet tray. I guarantee it never jams." })
    ).json()) as { violations: Array<{ rule: string }> };
    expect(result.violations.map((violation) => violation.rule)).toContain("casual-promise");
    expect(((await (await fetch(`${base}/api/fabe/drills`)).json()) as unknown[]).length).toBeGreaterThan(0);
  });

  it("role-play persists across requests", async () => {
    const created = (await (
      await post("/api/roleplay/sessions", { persona: "passive-veteran", lang: "zh-Hant" })
    ).json()) as { id: string };
    for (const text of ["老張,最近怎麼樣?", "我想請你來主持每週的部門會議。"]) {
      expect((await post(`/api/roleplay/sessions/${created.id}/messages`, { text })).status).toBe(200);
    }
    const stored = (await (await fetch(`${base}/api/roleplay/sessions/${created.id}`)).json()) as {
      messages: unknown[];
    };
    expect(stored.messages).toHaveLength(5);
    const debrief = (await (await post(`/api/roleplay/sessions/${created.id}/debrief`, {})).json()) as {
      criteria: unknown[];
    };
    expect(debrief.criteria.length).toBeGreaterThan(0);
  });

  it("rep files and a conversation with a follow-up, stored (SQLite on Node, D1 on Workers)", async () => {
    const startDate = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString().slice(0, 10);
    const rep = (await (await post("/api/reps", { name: "老張", startDate })).json()) as {
      id: string;
      tenureGroup: string;
    };
    expect(rep.tenureGroup).toBe("veteran");
    expect((await post(`/api/reps/${rep.id}/notes`, { text: "談過一次", kind: "talk" })).status).toBe(201);
    const created = await post("/api/conversations", { repId: rep.id });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const first = await post(`/api/conversations/${id}/messages`, { text: "他最近開會都在滑手機，新人問他也不理。" });
    expect(first.status).toBe(200);
    const second = (await (
      await post(`/api/conversations/${id}/messages`, { text: "那如果他直接拒絕呢？" })
    ).json()) as {
      message: { advice: { diagnosis: { tenure?: { value: string } } } };
      carried: { text: string };
    };
    expect(second.message.advice.diagnosis.tenure?.value).toBe("veteran");
    expect(second.carried.text).toContain("老張");
    const thread = (await (await fetch(`${base}/api/conversations/${id}`)).json()) as { messages: unknown[] };
    expect(thread.messages).toHaveLength(4);
    const exported = (await (await fetch(`${base}/api/reps/${rep.id}/export`)).json()) as {
      rep: { notes: unknown[] };
      conversations: unknown[];
    };
    expect(exported.rep.notes).toHaveLength(1);
    expect(exported.conversations).toHaveLength(1);
    expect((await fetch(`${base}/api/conversations/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${base}/api/reps/${rep.id}`, { method: "DELETE" })).status).toBe(204);
    await expectError(await fetch(`${base}/api/reps/${rep.id}`), 404);
    await expectError(await post("/api/reps", { name: "" }), 400);
  });

  it("practice records: pitches and a debrief kept, the progress, the team, the CSV and the deletion (SQLite, D1)", async () => {
    // The local user's earlier records (a server that outlives runs keeps them) go first.
    expect((await fetch(`${base}/api/progress`, { method: "DELETE" })).status).toBe(204);
    const noEvidence =
      "This printer has a 500-sheet tray. It holds twice as much paper as most printers. So your office refills it far less often and saves hours every month.";
    for (let i = 0; i < 4; i++)
      expect((await post("/api/fabe/score", { pitch: noEvidence, drill: "drill-en-01" })).status).toBe(200);
    const session = (await (await post("/api/roleplay/sessions", { persona: "passive-veteran" })).json()) as {
      id: string;
    };
    await post(`/api/roleplay/sessions/${session.id}/messages`, { text: "老張,最近怎麼樣?" });
    await post(`/api/roleplay/sessions/${session.id}/debrief`, {});
    await post(`/api/roleplay/sessions/${session.id}/debrief`, {});

    const progress = (await (await fetch(`${base}/api/progress?lang=en&tz=480`)).json()) as {
      drills: Array<{ drill: string; missing: string[] }>;
      roleplays: Array<{ sessionId: string; criteria: unknown[] }>;
      next: { element: string; reason: string; drill: string };
      summary: { drills: number; roleplays: number; streak: number; presence: Record<string, number> };
    };
    expect(progress.drills).toHaveLength(4);
    expect(progress.drills[0]).toMatchObject({ drill: "drill-en-01", missing: ["E"] });
    expect(progress.roleplays).toHaveLength(1);
    expect(progress.roleplays[0]?.sessionId).toBe(session.id);
    expect(progress.roleplays[0]?.criteria.length).toBeGreaterThan(0);
    expect(progress.next).toEqual({
      element: "E",
      reason: "You left out Evidence in 4 of your last 4 pitches.",
      drill: "drill-en-04",
    });
    expect(progress.summary).toMatchObject({ drills: 4, roleplays: 1, streak: 1, presence: { E: 0, F: 1 } });

    const team = (await (await fetch(`${base}/api/team/progress?tz=480`)).json()) as Array<Record<string, unknown>>;
    expect(team).toEqual([
      expect.objectContaining({
        user: "local",
        drills: 4,
        roleplays: 1,
        weakestElement: "E",
        thisWeek: { drills: 4, roleplays: 1 },
      }),
    ]);
    const csv = await fetch(`${base}/api/progress/export.csv`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect((await csv.text()).trimEnd().split("\r\n")).toHaveLength(6);
    await expectError(await fetch(`${base}/api/progress?tz=east`), 400);
    await expectError(await post("/api/fabe/score", { pitch: noEvidence, drill: "no-such-drill" }), 400);

    expect((await fetch(`${base}/api/progress`, { method: "DELETE" })).status).toBe(204);
    const emptied = (await (await fetch(`${base}/api/progress`)).json()) as {
      summary: { drills: number; roleplays: number };
    };
    expect(emptied.summary).toMatchObject({ drills: 0, roleplays: 0 });
  });

  it("errors in the DESIGN format", async () => {
    await expectError(await post("/api/retrieve", "{not json"), 400);
    await expectError(await post("/api/retrieve", { query: "x", k: 99 }), 400);
    await expectError(await post("/api/retrieve", "query=x", { "content-type": "text/plain" }), 415);
    await expectError(await post("/api/retrieve", { query: "x".repeat(70_000) }), 413);
    await expectError(await fetch(`${base}/api/nothing`), 404);
    await expectError(await fetch(`${base}/api/roleplay/sessions/00000000-0000-4000-8000-000000000000`), 404);
  });

  it("the pages", async () => {
    const page = await fetch(`${base}/roleplay`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("/assets/app.js");
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    // The progress page loads its chart library from this origin (Workers: static assets; Node: the app).
    const progress = await (await fetch(`${base}/progress`)).text();
    expect(progress).toContain("/assets/uplot.iife.min.js");
    const chart = await fetch(`${base}/assets/uplot.iife.min.js`);
    expect(chart.status).toBe(200);
    expect(await chart.text()).toContain("uPlot");
  });
});
