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
 * How much a connection's commits wait for the disk. "full" (synchronous=FULL): a transaction is on disk when it
 * returns, so an acknowledged turn survives a crash or power loss. "normal" (synchronous=NORMAL, in WAL): a commit is
 * in the write-ahead log, not yet synced; it survives the process being killed, and only a power loss or an OS crash
 * may take the last commits back (never corrupting the file). It saves an fsync per write.
 */
export type Durability = "full" | "normal";

/** Opens (or creates) the SQLite file in WAL mode and brings its schema up to migrations/. */
export function openSqlite(
  file: string,
  migrations: string = MIGRATIONS_DIR,
  durability: Durability = "full",
): SqliteDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(durability === "full" ? "synchronous = FULL" : "synchronous = NORMAL");
  migrateSqlite(sqlite, migrations);
  return { db: drizzle({ client: sqlite, schema }), sqlite };
}
