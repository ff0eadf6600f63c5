import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { isConstraintError, unavailable, unavailableOnError } from "../../db/d1-errors.js";
import { schema } from "../../db/schema.js";
import { createQueries, readSession, turnQueries } from "./session-rows.js";
import type { Message, SessionRecord, SessionStore } from "./session-store.js";

const WHAT = "Sessions";

/** The parts of Cloudflare's D1 binding that drizzle's D1 driver uses (the Workers entry passes env.DB). */
export interface D1Like {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<unknown[]>;
}
interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  first<T>(column?: string): Promise<T | null>;
  all<T>(): Promise<{ results: T[] }>;
  raw<T>(): Promise<T[]>;
  run(): Promise<{ meta: { changes?: number } }>;
}

/**
 * Sessions in D1 (Workers), schema from migrations/ (applied by wrangler). A turn is one batch, which D1 runs as a
 * transaction. A lost race is `false` (the 422 conflict); anything else D1 throws is an AppError "unavailable"
 * (503), so an outage is never reported to the user as a message that arrived at the same time.
 */
export class D1SessionStore implements SessionStore {
  private readonly db: DrizzleD1Database<typeof schema>;

  constructor(binding: D1Like) {
    this.db = drizzle(binding, { schema });
  }

  async create(session: SessionRecord): Promise<void> {
    await unavailableOnError(() => this.db.batch(nonEmpty(createQueries(this.db, session))), WHAT);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return unavailableOnError(() => readSession(this.db, id), WHAT);
  }

  async appendTurn(
    id: string,
    turn: number,
    messages: readonly Message[],
    state: SessionRecord["state"],
  ): Promise<boolean> {
    const { inserts, update } = turnQueries(this.db, id, turn, messages, state);
    try {
      // The update is last, so its result (rows changed) is the batch's last.
      const results = await this.db.batch(nonEmpty([...inserts, update]));
      return changes(results.at(-1)) > 0;
    } catch (error) {
      // The (session, seq) key collided: another turn wrote first, and the whole batch rolled back.
      if (isConstraintError(error)) return false;
      throw unavailable(error, WHAT);
    }
  }
}

/** drizzle's batch takes a non-empty tuple; ours always hold the header or the update. */
function nonEmpty(queries: BatchItem<"sqlite">[]): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  return queries as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

function changes(result: unknown): number {
  return (result as { meta?: { changes?: number } } | undefined)?.meta?.changes ?? 0;
}
