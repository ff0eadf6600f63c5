import type { RunResult } from "better-sqlite3";
import { openSqlite, type SqliteDatabase } from "../../db/open-sqlite.js";
import { type ProgressDatabase, progressQueries as queries, type Scope } from "./progress-rows.js";
import type { ProgressStore } from "./progress-store.js";
import type { PracticeRecord, RoleplayRecord } from "./types.js";

interface Runnable {
  run(): unknown;
}

/**
 * Practice records in SQLite (the file of the sessions and conversations); each write one IMMEDIATE transaction.
 * Its connection commits without an fsync (`durability` "normal"): every scored pitch writes a record, and an fsync
 * tripled the p95 of `POST /api/fabe/score` (5 → 16 ms on the bench). A killed process loses nothing; a power loss
 * may lose the last records, which trace answers the rep has already seen. Sessions and conversations keep "full".
 */
export class SqliteProgressStore implements ProgressStore {
  private readonly database: SqliteDatabase;

  constructor(file: string) {
    this.database = openSqlite(file, undefined, "normal");
  }

  private get db(): ProgressDatabase {
    return this.database.db;
  }

  private atomic(writes: readonly unknown[]): number[] {
    return this.database.db.transaction(
      () => (writes as Runnable[]).map((write) => (write.run() as RunResult).changes),
      { behavior: "immediate" },
    );
  }

  async add(record: PracticeRecord): Promise<void> {
    this.atomic(queries.insert(this.db, record));
  }

  async replaceSession(record: RoleplayRecord): Promise<void> {
    this.atomic([...queries.deleteSession(this.db, record.sessionId), ...queries.insert(this.db, record)]);
  }

  sessionRecord(sessionId: string) {
    return queries.selectSession(this.db, sessionId);
  }

  recent(user: string, kind: PracticeRecord["kind"], limit: number) {
    return queries.selectRecent(this.db, user, kind, limit);
  }

  all(user: string) {
    return queries.selectAll(this.db, user);
  }

  totals(scope: Scope, since: string) {
    return queries.totals(this.db, scope, since);
  }

  criteria(scope: Scope) {
    return queries.criteria(this.db, scope);
  }

  personas(user: string) {
    return queries.personas(this.db, user);
  }

  days(user: string, offsetMinutes: number, limit: number) {
    return queries.days(this.db, user, offsetMinutes, limit);
  }

  inTeam(team: string, user: string) {
    return queries.inTeam(this.db, team, user);
  }

  async deleteAll(user: string): Promise<number> {
    return this.atomic(queries.deleteAll(this.db, user)).at(-1) ?? 0;
  }

  close(): void {
    this.database.sqlite.close();
  }
}
