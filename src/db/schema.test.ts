import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, migrateSqlite } from "./migrate-sqlite.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Inside the checkout (scratch/ is git-ignored): drizzle-kit reads snapshots relative to the working directory,
// and a copied schema must resolve drizzle-orm from node_modules.
mkdirSync(join(root, "scratch"), { recursive: true });
const dir = mkdtempSync(join(root, "scratch", "drizzle-kit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `drizzle-kit generate` (what `npm run db:generate` runs) into a copy of migrations/; returns the new files. */
function generate(schema: string, name: string): string[] {
  const out = join(dir, name);
  cpSync(MIGRATIONS_DIR, out, { recursive: true });
  const before = new Set(readdirSync(out));
  const bin = join(root, "node_modules", "drizzle-kit", "bin.cjs");
  const args = ["generate", "--dialect", "sqlite", "--schema", relative(root, schema), "--out", relative(root, out)];
  execFileSync(process.execPath, [bin, ...args], { cwd: root, stdio: "pipe" });
  return readdirSync(out).filter((file) => !before.has(file));
}

describe("the drizzle schema and migrations/", () => {
  it("agree: generating from the unchanged schema writes no migration", () => {
    expect(generate(join(root, "src", "db", "schema.ts"), "unchanged")).toEqual([]);
  }, 30_000);

  it("a table added to the schema becomes the next migration (0005_*.sql), which the SQLite runner applies", () => {
    const schema = join(dir, "schema.ts");
    writeFileSync(
      schema,
      readFileSync(join(root, "src", "db", "schema.ts"), "utf8") +
        '\nexport const notes = sqliteTable("notes", { id: text("id").primaryKey(), body: text("body").notNull() });\n',
    );
    const added = generate(schema, "added");
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^0005_\w+\.sql$/);
    const sql = readFileSync(join(dir, "added", added[0]!), "utf8");
    expect(sql).toMatch(/CREATE TABLE `notes`/);
    expect(sql).not.toMatch(/sessions|messages|practice/);
    const db = new Database(":memory:");
    expect(migrateSqlite(db, join(dir, "added"))).toEqual([
      "0001_sessions.sql",
      "0002_session_owner.sql",
      "0003_chat_and_rep_files.sql",
      "0004_practice_records.sql",
      added[0],
    ]);
    db.prepare("INSERT INTO notes (id, body) VALUES ('a', 'b')").run();
    db.close();
  }, 30_000);
});
