import type { RunResult } from "better-sqlite3";
import { openSqlite, type SqliteDatabase } from "../../db/open-sqlite.js";
import { createQueries, readSession, turnQueries } from "./session-rows.js";
import type { Message, SessionRecord, SessionStore } from "./session-store.js";

/**
 * Sessions in SQLite (better-sqlite3, WAL, synchronous=FULL; schema from migrations/): a turn is one
 * transaction, so after a crash every acknowledged message is there and no half-written turn is.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly database: SqliteDatabase;

  constructor(file: string) {
    this.database = openSqlite(file);
  }

  async create(session: SessionRecord): Promise<void> {
    const { db } = this.database;
    db.transaction(() => {
      for (const query of createQueries(db, session)) query.run();
    });
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return readSession(this.database.db, id);
  }

  async appendTurn(
    id: string,
    turn: number,
    messages: readonly Message[],
    state: SessionRecord["state"],
  ): Promise<boolean> {
    const { db } = this.database;
    const { inserts, update } = turnQueries(db, id, turn, messages, state);
    // Synchronous and IMMEDIATE: no other turn on this connection can interleave, and another process's turn
    // waits for the write lock (better-sqlite3's 5 s busy timeout), then finds the turn moved on.
    return db.transaction(
      () => {
        for (const insert of inserts) insert.run();
        // The queries are built for either driver; on this one, run() is better-sqlite3's synchronous RunResult.
        return (update.run() as RunResult).changes > 0;
      },
      { behavior: "immediate" },
    );
  }

  close(): void {
    this.database.sqlite.close();
  }
}
