import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { unavailableOnError } from "../../db/d1-errors.js";
import { schema } from "../../db/schema.js";
import type { D1Like } from "../roleplay/d1-store.js";
import { progressQueries as queries, type Scope } from "./progress-rows.js";
import type { ProgressStore } from "./progress-store.js";
import type { PracticeRecord, RoleplayRecord } from "./types.js";

/** A D1 call whose failure is a 503 `unavailable`. */
const guarded = <T>(work: () => Promise<T>) => unavailableOnError(work, "Practice records");

type Batch = [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/** Practice records in D1 (Workers); each write one batch, which D1 runs as a transaction. */
export class D1ProgressStore implements ProgressStore {
  private readonly db: DrizzleD1Database<typeof schema>;

  constructor(binding: D1Like) {
    this.db = drizzle(binding, { schema });
  }

  private async atomic(writes: readonly unknown[]): Promise<number[]> {
    const results = await guarded(() => this.db.batch(writes as Batch));
    return results.map((result) => (result as { meta?: { changes?: number } } | undefined)?.meta?.changes ?? 0);
  }

  async add(record: PracticeRecord): Promise<void> {
    await this.atomic(queries.insert(this.db, record));
  }

  async replaceSession(record: RoleplayRecord): Promise<void> {
    await this.atomic([...queries.deleteSession(this.db, record.sessionId), ...queries.insert(this.db, record)]);
  }

  sessionRecord(sessionId: string) {
    return guarded(() => queries.selectSession(this.db, sessionId));
  }

  recent(user: string, kind: PracticeRecord["kind"], limit: number) {
    return guarded(() => queries.selectRecent(this.db, user, kind, limit));
  }

  all(user: string) {
    return guarded(() => queries.selectAll(this.db, user));
  }

  totals(scope: Scope, since: string) {
    return guarded(() => queries.totals(this.db, scope, since));
  }

  criteria(scope: Scope) {
    return guarded(() => queries.criteria(this.db, scope));
  }

  personas(user: string) {
    return guarded(() => queries.personas(this.db, user));
  }

  days(user: string, offsetMinutes: number, limit: number) {
    return guarded(() => queries.days(this.db, user, offsetMinutes, limit));
  }

  inTeam(team: string, user: string) {
    return guarded(() => queries.inTeam(this.db, team, user));
  }

  async deleteAll(user: string): Promise<number> {
    return (await this.atomic(queries.deleteAll(this.db, user))).at(-1) ?? 0;
  }
}
