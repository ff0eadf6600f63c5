import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { type AppType, createApp } from "../app.js";

let app: AppType;
let local: AppType;
const AMY = "rep-token-amy-0000001";
const BOB = "rep-token-bob-0000002";
const MEI = "manager-token-mei-0003";
const ZOE = "manager-token-zoe-0004";
const tokens = {
  [AMY]: { user: "amy", role: "rep", team: "north" },
  [BOB]: { user: "bob", role: "rep", team: "north" },
  [MEI]: { user: "mei", role: "manager", team: "north" },
  [ZOE]: { user: "zoe", role: "manager", team: "south" },
};

beforeAll(async () => {
  app = createApp(await realAppDeps({ env: { COACH_TOKENS: JSON.stringify(tokens) } }));
  local = createApp(await realAppDeps());
});

const send = async (target: AppType, method: string, path: string, token?: string, body?: unknown) => {
  const response = await target.request(path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, body: json && text ? JSON.parse(text) : text, headers: response.headers };
};

// Feature, Advantage and Benefit but no Evidence; the same with Evidence (checked by the first test's labels).
const NO_EVIDENCE =
  "這款印表機有500張的大紙匣。它比一般機型多裝一倍的紙。所以您的辦公室不用常常加紙，每個月省下好幾個小時。";
const COMPLETE = `${NO_EVIDENCE}台北已經有三百家公司在用，這是他們的使用報告。`;

describe("practice records over HTTP", () => {
  it("keeps every scored pitch; after four without Evidence the next drill is Evidence, after five whole ones not", async () => {
    await send(app, "POST", "/api/fabe/score", AMY, { pitch: NO_EVIDENCE });
    expect((await send(app, "GET", "/api/progress?lang=en", AMY)).body.next.reason).toBe(
      "Your first pitch left out Evidence.",
    );
    for (let i = 0; i < 3; i++) {
      const scored = await send(app, "POST", "/api/fabe/score", AMY, { pitch: NO_EVIDENCE });
      expect(scored.body.missing).toEqual(["E"]);
    }
    let progress = (await send(app, "GET", "/api/progress?lang=en", AMY)).body;
    expect(progress.drills).toHaveLength(4);
    expect(progress.next).toMatchObject({ element: "E", drill: "drill-en-04" });
    expect(progress.next.reason).toBe("You left out Evidence in 4 of your last 4 pitches.");
    expect(progress.summary).toMatchObject({ drills: 4, weakestElement: "E", streak: 1, avgFabe: 70 });
    expect(progress.summary.presence).toEqual({ F: 1, A: 1, B: 1, E: 0 });

    for (let i = 0; i < 5; i++) await send(app, "POST", "/api/fabe/score", AMY, { pitch: COMPLETE });
    progress = (await send(app, "GET", "/api/progress?lang=zh-Hans", AMY)).body;
    expect(progress.next.element).not.toBe("E");
    expect(progress.next.element).toBe("all");
    expect(progress.next.reason).toMatch(/^最近 5 次介绍/);
  });

  it("keeps a role-play's debrief for whoever practised, once per session, and shows it to their manager only", async () => {
    const session = (await send(app, "POST", "/api/roleplay/sessions", BOB, { persona: "passive-veteran" })).body;
    // A debrief before any turn is not practice.
    await send(app, "POST", `/api/roleplay/sessions/${session.id}/debrief`, BOB);
    expect((await send(app, "GET", "/api/progress", BOB)).body.roleplays).toHaveLength(0);
    await send(app, "POST", `/api/roleplay/sessions/${session.id}/messages`, BOB, { text: "老張,最近怎麼樣?" });
    const debrief = (await send(app, "POST", `/api/roleplay/sessions/${session.id}/debrief`, BOB)).body;
    // The manager reading it neither takes it over nor counts it twice.
    expect((await send(app, "POST", `/api/roleplay/sessions/${session.id}/debrief`, MEI)).status).toBe(200);
    const mine = (await send(app, "GET", "/api/progress", BOB)).body;
    expect(mine.roleplays).toHaveLength(1);
    expect(mine.roleplays[0]).toMatchObject({
      sessionId: session.id,
      persona: "passive-veteran",
      score: debrief.score,
    });
    expect(mine.roleplays[0].criteria.map((criterion: { met: boolean }) => criterion.met)).toEqual(
      debrief.criteria.map((criterion: { met: boolean }) => criterion.met),
    );
    expect((await send(app, "GET", "/api/progress", MEI)).body.roleplays).toHaveLength(0);

    const team = (await send(app, "GET", "/api/team/progress", MEI)).body as Array<{ user: string; roleplays: number }>;
    expect(team.map((row) => row.user)).toEqual(["amy", "bob"]);
    expect(team.find((row) => row.user === "bob")).toMatchObject({ roleplays: 1, thisWeek: { roleplays: 1 } });
    expect((await send(app, "GET", "/api/team/progress/bob", MEI)).body.roleplays).toHaveLength(1);
  });

  it("another rep, or another team's manager, sees none of it", async () => {
    expect((await send(app, "GET", "/api/team/progress", BOB)).status).toBe(403);
    expect((await send(app, "GET", "/api/team/progress/amy", BOB)).status).toBe(404);
    expect((await send(app, "GET", "/api/team/progress/amy", ZOE)).status).toBe(404);
    expect((await send(app, "GET", "/api/team/progress", ZOE)).body).toEqual([]);
    expect((await send(app, "GET", "/api/progress", BOB)).body.drills).toHaveLength(0);
  });

  it("exports my records as CSV and deletes them for real", async () => {
    const csv = await send(app, "GET", "/api/progress/export.csv", AMY);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toContain('filename="practice-amy.csv"');
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      "kind,at,score,product,drill,F,A,B,E,missing,violations,persona,session,criteria_met,criteria_missed",
    );
    expect(lines).toHaveLength(10);
    expect(lines[1]).toMatch(/^drill,\d{4}-.*,70,,,1,1,1,0,E,/);

    expect((await send(app, "DELETE", "/api/progress", AMY)).status).toBe(204);
    expect((await send(app, "GET", "/api/progress", AMY)).body.summary.drills).toBe(0);
    expect((await send(app, "GET", "/api/progress", BOB)).body.summary.roleplays).toBe(1);
  });

  it("names what is wrong with a request", async () => {
    const badTz = await send(app, "GET", "/api/progress?tz=2000", AMY);
    expect(badTz.status).toBe(400);
    expect(badTz.body.error.message).toMatch(/tz/);
    const badDrill = await send(app, "POST", "/api/fabe/score", AMY, { pitch: COMPLETE, drill: "no-such-drill" });
    expect(badDrill.status).toBe(400);
    expect(badDrill.body.error.message).toMatch(/drill/);
    expect((await send(app, "GET", "/api/progress")).status).toBe(401);
  });

  it("without tokens there is one local user, a manager, whose team is themself", async () => {
    await send(local, "POST", "/api/fabe/score", undefined, { pitch: COMPLETE, drill: "drill-hant-04" });
    const mine = (await send(local, "GET", "/api/progress", undefined)).body;
    expect(mine).toMatchObject({ user: "local", drills: [{ drill: "drill-hant-04", product: expect.any(String) }] });
    const team = (await send(local, "GET", "/api/team/progress", undefined)).body;
    expect(team).toMatchObject([{ user: "local", drills: 1, weakestElement: null }]);
  });
});
