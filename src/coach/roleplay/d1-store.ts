import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { schema } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import { createQueries, readSession, turnQueries } from "./session-rows.js";
import type { Message, SessionRecord, SessionStore } from "./session-store.js";

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
    await unavailableOnError(() => this.db.batch(nonEmpty(createQueries(this.db, session))));
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return unavailableOnError(() => readSession(this.db, id));
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
      throw unavailable(error);
    }
  }
}

/** drizzle's batch takes a non-empty tuple; ours always hold the header or the update. */
function nonEmpty(queries: BatchItem<"sqlite">[]): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  return queries as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
}

async function unavailableOnError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error);
  }
}

function unavailable(error: unknown): AppError {
  // drizzle wraps a failed query with its parameters, which hold users' messages: the log gets D1's own error.
  const cause = error instanceof DrizzleQueryError ? (error.cause ?? error) : error;
  return new AppError("unavailable", "Sessions are not reachable right now; try again in a moment.", undefined, {
    cause,
  });
}

function changes(result: unknown): number {
  return (result as { meta?: { changes?: number } } | undefined)?.meta?.changes ?? 0;
}

/** True if D1 (or drizzle wrapping it) says a constraint failed; the message is all D1 gives to tell. */
function isConstraintError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/constraint failed|SQLITE_CONSTRAINT/i.test(current.message)) return true;
  }
  return false;
}
