import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { packageRoot } from "../lib/package-root.js";

/** migrations/ of this checkout (from src/ or from the bundle in dist/): the same files wrangler applies to D1. */
export const MIGRATIONS_DIR = join(packageRoot(import.meta.url), "migrations");

/**
 * The migrations the store before drizzle had already built into a file, so they are recorded, not re-run:
 * its CREATE TABLE IF NOT EXISTS was 0001, and its PRAGMA-driven ALTER was 0002 (re-running that one would
 * fail on the existing columns).
 */
const LEGACY: ReadonlyArray<{ name: string; applied: (db: Database.Database) => boolean }> = [
  { name: "0001_sessions.sql", applied: (db) => hasColumn(db, "sessions", "id") },
  { name: "0002_session_owner.sql", applied: (db) => hasColumn(db, "sessions", "owner_user") },
];

/**
 * Applies migrations/*.sql to a SQLite file the way `wrangler d1 migrations apply` applies them to D1: in file
 * name order, each recorded by name in a `d1_migrations` table of wrangler's shape. A small runner rather than
 * drizzle's migrator because (1) that one tracks a journal by timestamp and hash in its own table, so the two
 * runtimes would keep two different histories of the same files, (2) it runs one statement per
 * `--> statement-breakpoint`, which the hand-written 0001/0002 do not have, and (3) it cannot adopt a file made
 * by the old store, which has the tables but no record of them. Returns the names it applied.
 */
export function migrateSqlite(db: Database.Database, folder: string = MIGRATIONS_DIR): string[] {
  const names = readdirSync(folder)
    .filter((name) => name.endsWith(".sql"))
    .sort();
  // IMMEDIATE takes the write lock first, so two processes opening one new file cannot both apply a migration.
  return db
    .transaction(() => {
      const tracked = hasTable(db, "d1_migrations");
      db.exec(
        "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, " +
          "applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
      );
      const record = db.prepare("INSERT INTO d1_migrations (name) VALUES (?)");
      if (!tracked) for (const legacy of LEGACY) if (legacy.applied(db)) record.run(legacy.name);
      const rows = db.prepare("SELECT name FROM d1_migrations").all() as Array<{ name: string }>;
      const done = new Set(rows.map((row) => row.name));
      const pending = names.filter((name) => !done.has(name));
      for (const name of pending) {
        db.exec(readFileSync(join(folder, name), "utf8"));
        record.run(name);
      }
      return pending;
    })
    .immediate();
}

function hasTable(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return (db.prepare("SELECT name FROM pragma_table_info(?)").all(table) as Array<{ name: string }>).some(
    (row) => row.name === column,
  );
}
