import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { d1OverSqlite } from "../../../test/support/d1-over-sqlite.js";
import { migrateSqlite } from "../../db/migrate-sqlite.js";
import { D1SessionStore } from "./d1-store.js";
import type { SessionRecord, SessionStore } from "./session-store.js";
import type { SimState } from "./simulate.js";
import { SqliteSessionStore } from "./sqlite-store.js";

const dir = mkdtempSync(join(tmpdir(), "coach-stores-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const state = (turn: number): SimState => ({ vars: { trust: 3 }, turn, ended: null, last: null, seed: 7 });
let sessions = 0;
function session(owner?: SessionRecord["owner"]): SessionRecord {
  sessions += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sessions).padStart(12, "0")}`,
    persona: "passive-veteran",
    mode: "manager-rep",
    lang: "zh-Hant",
    state: state(0),
    messages: [{ role: "persona", text: "嗯。" }],
    createdAt: "2026-01-01T00:00:00.000Z",
    ...(owner ? { owner } : {}),
  };
}
const turn = (text: string) => [
  { role: "user" as const, text, moves: [{ move: "praise", evidence: text }] as never },
  { role: "persona" as const, text: `回覆:${text}` },
];

/** Both stores over real SQLite: the Node store on a file, the D1 store's queries through a D1-shaped adapter. */
const stores: Array<[string, () => SessionStore[]]> = [
  [
    "SQLite",
    () => {
      const file = join(dir, `sqlite-${sessions}.db`);
      // Two connections to one file, as two processes would have.
      return [new SqliteSessionStore(file), new SqliteSessionStore(file)];
    },
  ],
  [
    "D1",
    () => {
      const sqlite = new Database(":memory:");
      migrateSqlite(sqlite);
      return [new D1SessionStore(d1OverSqlite(sqlite)), new D1SessionStore(d1OverSqlite(sqlite))];
    },
  ],
];

describe.each(stores)("the %s session store", (_name, open) => {
  it("reads back what it wrote, owner and read moves included", async () => {
    const [store] = open();
    const created = session({ user: "amy", team: "north" });
    await store!.create(created);
    expect(await store!.appendTurn(created.id, 0, turn("你做得很好"), state(1))).toBe(true);
    const read = await store!.get(created.id);
    expect(read).toEqual({ ...created, state: state(1), messages: [...created.messages, ...turn("你做得很好")] });
    expect(await store!.get("00000000-0000-4000-8000-999999999999")).toBeUndefined();
  });

  it("lets exactly one of two concurrent turns in, whole, and the loser writes nothing", async () => {
    const [first, second] = open();
    const created = session();
    await first!.create(created);
    const results = await Promise.all([
      first!.appendTurn(created.id, 0, turn("甲"), state(1)),
      second!.appendTurn(created.id, 0, turn("乙"), state(1)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results[0] ? "甲" : "乙";
    expect((await second!.get(created.id))?.messages).toEqual([...created.messages, ...turn(winner)]);
  });

  it("refuses a turn based on a stale read after another turn committed, leaving no stray messages", async () => {
    const [first, second] = open();
    const created = session();
    await first!.create(created);
    expect(await first!.appendTurn(created.id, 0, turn("甲"), state(1))).toBe(true);
    expect(await second!.appendTurn(created.id, 0, turn("乙"), state(1))).toBe(false);
    expect(await second!.appendTurn(created.id, 1, turn("丙"), state(2))).toBe(true);
    const read = await first!.get(created.id);
    expect(read?.messages.map((message) => message.text)).toEqual(["嗯。", "甲", "回覆:甲", "丙", "回覆:丙"]);
    expect(read?.state.turn).toBe(2);
  });
});
