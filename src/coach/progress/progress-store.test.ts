import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { d1OverSqlite } from "../../../test/support/d1-over-sqlite.js";
import { migrateSqlite } from "../../db/migrate-sqlite.js";
import { D1ProgressStore } from "./d1-progress-store.js";
import type { ProgressStore } from "./progress-store.js";
import { SqliteProgressStore } from "./sqlite-progress-store.js";
import type { DrillRecord, RoleplayRecord } from "./types.js";

const amy = { user: "amy", team: "north" };
const bob = { user: "bob", team: "north" };
const zoe = { user: "zoe", team: "south" };

const drill = (id: string, owner: typeof amy, at: string, missing: Array<"F" | "A" | "B" | "E">): DrillRecord => ({
  kind: "drill",
  id,
  owner,
  at,
  score: 100 - missing.length * 25,
  present: {
    F: !missing.includes("F"),
    A: !missing.includes("A"),
    B: !missing.includes("B"),
    E: !missing.includes("E"),
  },
  missing,
  violations: missing.length ? ["casual-promise"] : [],
  product: "search-eroad-basic",
  lang: "zh-Hant",
});
const roleplay = (id: string, owner: typeof amy, at: string, turns: number, met: boolean): RoleplayRecord => ({
  kind: "roleplay",
  id,
  owner,
  at,
  score: met ? 100 : 50,
  persona: "passive-veteran",
  mode: "manager-rep",
  sessionId: "s-1",
  criteria: [
    { id: "empathy", met },
    { id: "follow-up", met: false },
  ],
  turns,
  ended: null,
});

const stores: Array<[string, () => ProgressStore]> = [
  ["SQLite", () => new SqliteProgressStore(":memory:")],
  [
    "D1",
    () => {
      const sqlite = new Database(":memory:");
      migrateSqlite(sqlite);
      return new D1ProgressStore(d1OverSqlite(sqlite));
    },
  ],
];

describe.each(stores)("the progress store (%s)", (_name, open) => {
  it("sums up a user's and a team's records", async () => {
    const store = open();
    await store.add(drill("d1", amy, "2026-12-01T09:00:00.000Z", ["E"]));
    await store.add(drill("d2", amy, "2026-12-07T09:00:00.000Z", []));
    await store.add(drill("d3", bob, "2026-12-07T10:00:00.000Z", ["B", "E"]));
    await store.add(drill("d4", zoe, "2026-12-07T10:00:00.000Z", []));
    await store.replaceSession(roleplay("r1", amy, "2026-12-07T11:00:00.000Z", 2, false));

    const team = await store.totals({ team: "north" }, "2026-12-07T00:00:00.000Z");
    expect(team.map((row) => row.user).sort()).toEqual(["amy", "bob"]);
    const amyRow = team.find((row) => row.user === "amy");
    expect(amyRow).toMatchObject({
      drills: 2,
      roleplays: 1,
      avgFabe: 87.5,
      avgRoleplay: 50,
      present: { F: 2, A: 2, B: 2, E: 1 },
      drillsSince: 1,
      roleplaysSince: 1,
      lastAt: "2026-12-07T11:00:00.000Z",
    });
    expect(await store.criteria({ user: "amy" })).toEqual(
      expect.arrayContaining([
        { user: "amy", criterion: "empathy", missed: 1, of: 1 },
        { user: "amy", criterion: "follow-up", missed: 1, of: 1 },
      ]),
    );
    expect((await store.recent("amy", "drill", 10)).map((record) => record.id)).toEqual(["d2", "d1"]);
    expect(await store.days("amy", 480, 10)).toEqual(["2026-12-07", "2026-12-01"]);
    expect(await store.inTeam("north", "amy")).toBe(true);
    expect(await store.inTeam("north", "zoe")).toBe(false);
  });

  it("keeps one record per role-play session: a later debrief replaces it, criteria and all", async () => {
    const store = open();
    await store.replaceSession(roleplay("r1", amy, "2026-12-07T11:00:00.000Z", 2, false));
    await store.replaceSession(roleplay("r2", amy, "2026-12-07T11:05:00.000Z", 4, true));
    const records = await store.recent("amy", "roleplay", 10);
    expect(records.map((record) => record.id)).toEqual(["r2"]);
    expect(await store.sessionRecord("s-1")).toMatchObject({ id: "r2", turns: 4, score: 100 });
    expect(await store.criteria({ user: "amy" })).toEqual(
      expect.arrayContaining([
        { user: "amy", criterion: "empathy", missed: 0, of: 1 },
        { user: "amy", criterion: "follow-up", missed: 1, of: 1 },
      ]),
    );
  });

  it("deletes a user's records and nobody else's", async () => {
    const store = open();
    await store.add(drill("d1", amy, "2026-12-07T09:00:00.000Z", []));
    await store.replaceSession(roleplay("r1", amy, "2026-12-07T11:00:00.000Z", 2, false));
    await store.add(drill("d2", bob, "2026-12-07T09:00:00.000Z", []));
    await store.deleteAll("amy");
    expect(await store.all("amy")).toEqual([]);
    expect(await store.criteria({ user: "amy" })).toEqual([]);
    expect((await store.all("bob")).map((record) => record.id)).toEqual(["d2"]);
  });
});
