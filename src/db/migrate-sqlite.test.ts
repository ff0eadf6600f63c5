import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteSessionStore } from "../coach/roleplay/sqlite-store.js";
import { MIGRATIONS_DIR, migrateSqlite } from "./migrate-sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "coach-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The schema the SQLite store created before migrations/ were applied to it (sqlite-store.ts until drizzle).
const OLD_SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  persona TEXT NOT NULL,
  mode TEXT NOT NULL,
  lang TEXT NOT NULL,
  state TEXT NOT NULL,
  turn INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  text TEXT NOT NULL,
  moves TEXT,
  PRIMARY KEY (session_id, seq)
);`;
const OLD_OWNERS = "ALTER TABLE sessions ADD COLUMN owner_user TEXT; ALTER TABLE sessions ADD COLUMN owner_team TEXT;";
const ID = "00000000-0000-4000-8000-000000000001";
const STATE = '{"vars":{"trust":2},"turn":1,"ended":null,"last":null,"seed":3}';

function oldFile(name: string, owners: boolean): string {
  const file = join(dir, name);
  const old = new Database(file);
  old.exec(OLD_SCHEMA);
  if (owners) old.exec(OLD_OWNERS);
  const columns = `id, persona, mode, lang, state, turn, created_at${owners ? ", owner_user, owner_team" : ""}`;
  const values = [
    ID,
    "passive-veteran",
    "manager-rep",
    "zh-Hant",
    STATE,
    1,
    "2026-01-01T00:00:00Z",
    ...(owners ? ["amy", "north"] : []),
  ];
  old.prepare(`INSERT INTO sessions (${columns}) VALUES (${values.map(() => "?").join(", ")})`).run(...values);
  old.prepare("INSERT INTO messages VALUES (?, 0, 'persona', '嗯。', NULL), (?, 1, 'user', '你好', '[]')").run(ID, ID);
  old.close();
  return file;
}

const applied = (file: string) => {
  const db = new Database(file);
  const names = (db.prepare("SELECT name FROM d1_migrations ORDER BY id").all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
  const columns = (db.prepare("SELECT name FROM pragma_table_info('sessions')").all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
  db.close();
  return { names, columns };
};

describe("migrations/ on SQLite", () => {
  it("gives a new file the whole schema and records each migration by name, once", () => {
    const file = join(dir, "fresh.db");
    const db = new Database(file);
    expect(migrateSqlite(db)).toEqual([
      "0001_sessions.sql",
      "0002_session_owner.sql",
      "0003_chat_and_rep_files.sql",
      "0004_practice_records.sql",
    ]);
    expect(migrateSqlite(db)).toEqual([]);
    db.close();
    expect(applied(file)).toEqual({
      names: [
        "0001_sessions.sql",
        "0002_session_owner.sql",
        "0003_chat_and_rep_files.sql",
        "0004_practice_records.sql",
      ],
      columns: ["id", "persona", "mode", "lang", "state", "turn", "created_at", "owner_user", "owner_team"],
    });
  });

  it.each([
    ["without", false],
    ["with", true],
  ])("opens a file the old store made %s the owner columns, and its session reads back", async (_label, owners) => {
    const file = oldFile(`old-${owners}.db`, owners);
    const store = new SqliteSessionStore(file);
    const session = await store.get(ID);
    expect(session).toMatchObject({ persona: "passive-veteran", lang: "zh-Hant", state: JSON.parse(STATE) });
    expect(session?.messages).toEqual([
      { role: "persona", text: "嗯。" },
      { role: "user", text: "你好", moves: [] },
    ]);
    expect(session?.owner).toEqual(owners ? { user: "amy", team: "north" } : undefined);
    // The turn guard and the numbering work on the adopted tables.
    expect(await store.appendTurn(ID, 1, [{ role: "user", text: "再見" }], { ...JSON.parse(STATE), turn: 2 })).toBe(
      true,
    );
    expect((await store.get(ID))?.messages).toHaveLength(3);
    store.close();
    expect(applied(file).names).toEqual([
      "0001_sessions.sql",
      "0002_session_owner.sql",
      "0003_chat_and_rep_files.sql",
      "0004_practice_records.sql",
    ]);
    expect(applied(file).columns).toContain("owner_team");
  });

  it("applies a migration added later on top of a file in use, and only that one", () => {
    const folder = join(dir, "migrations");
    cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    const file = oldFile("later.db", true);
    const db = new Database(file);
    migrateSqlite(db, folder);
    writeFileSync(join(folder, "0009_notes.sql"), "CREATE TABLE `notes` (`id` text PRIMARY KEY NOT NULL);");
    expect(migrateSqlite(db, folder)).toEqual(["0009_notes.sql"]);
    expect(db.prepare("SELECT COUNT(*) AS count FROM sessions").get()).toEqual({ count: 1 });
    db.close();
  });

  it("rolls the whole run back when a migration fails, recording nothing", () => {
    const folder = join(dir, "broken");
    cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    writeFileSync(join(folder, "0009_broken.sql"), "CREATE TABLE good (id TEXT);\nCREATE TABLE sessions (id TEXT);");
    const db = new Database(":memory:");
    expect(() => migrateSqlite(db, folder)).toThrow(/already exists/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('good', 'd1_migrations')").all()).toEqual([]);
    db.close();
  });
});
