import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { MIGRATIONS_DIR, migrateSqlite } from "./migrate-sqlite.js";
import { schema } from "./schema.js";

/** The Node runtime's database: drizzle over better-sqlite3, with the file kept for closing. */
export interface SqliteDatabase {
  db: BetterSQLite3Database<typeof schema>;
  sqlite: Database.Database;
}

/**
 * Opens (or creates) the SQLite file and brings its schema up to migrations/. WAL with synchronous=FULL:
 * a transaction is on disk when it returns, so an acknowledged turn survives a crash or power loss.
 */
export function openSqlite(file: string, migrations: string = MIGRATIONS_DIR): SqliteDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  migrateSqlite(sqlite, migrations);
  return { db: drizzle({ client: sqlite, schema }), sqlite };
}
