import { and, asc, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { messages, type schema, sessions } from "../../db/schema.js";
import type { Message, SessionRecord } from "./session-store.js";

/** Either runtime's drizzle database (better-sqlite3 is sync, D1 async): the stores share their queries. */
export type SessionsDatabase = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

type SessionRow = typeof sessions.$inferSelect;
type MessageRow = Pick<typeof messages.$inferSelect, "role" | "text" | "moves">;

/** A query's input: a value (run once, D1), or a placeholder (prepared once and run many times, SQLite). */
type Input<T> = T | Placeholder | SQL;

export type SessionInputs = {
  id: Input<string>;
  persona: Input<string>;
  mode: Input<string>;
  lang: Input<string>;
  state: Input<string>;
  turn: Input<number>;
  createdAt: Input<string>;
  ownerUser: Input<string | null>;
  ownerTeam: Input<string | null>;
};

export type MessageInputs = {
  sessionId: Input<string>;
  role: Input<string>;
  text: Input<string>;
  moves: Input<string | null>;
};

/**
 * The queries both stores run, written once. D1 builds them with values for each batch; SQLite prepares them once
 * with placeholders (building and compiling a statement per call cost more than the write itself).
 */
export const sessionQueries = {
  insertSession: (db: SessionsDatabase, inputs: SessionInputs) => db.insert(sessions).values(inputs),

  insertMessage: (db: SessionsDatabase, inputs: MessageInputs & { seq: Input<number> }) =>
    db.insert(messages).values(inputs),

  /**
   * A turn's message: only inserted while the session is still at `turn`, numbered after the last stored one. So a
   * turn that lost the race writes nothing.
   */
  appendMessage: (db: SessionsDatabase, inputs: MessageInputs & { turn: Input<number> }) =>
    db.insert(messages).select(
      db
        .select({
          sessionId: sql<string>`${inputs.sessionId}`.as("session_id"),
          seq: sql<number>`(SELECT COALESCE(MAX(${messages.seq}) + 1, 0) FROM ${messages} WHERE ${messages.sessionId} = ${inputs.sessionId})`.as(
            "seq",
          ),
          role: sql<string>`${inputs.role}`.as("role"),
          text: sql<string>`${inputs.text}`.as("text"),
          moves: sql<string | null>`${inputs.moves}`.as("moves"),
        })
        .from(sessions)
        .where(and(eq(sessions.id, inputs.sessionId), eq(sessions.turn, inputs.turn))),
    ),

  /** The new state, only at `turn`: its result's change count says whether this turn won. */
  updateTurn: (
    db: SessionsDatabase,
    inputs: { id: Input<string>; turn: Input<number>; state: Input<string>; nextTurn: Input<number> },
  ) =>
    db
      .update(sessions)
      // Through sql``: set() takes values or SQL, and a placeholder is neither until wrapped.
      .set({ state: sql`${inputs.state}`, turn: sql`${inputs.nextTurn}` })
      .where(and(eq(sessions.id, inputs.id), eq(sessions.turn, inputs.turn))),

  selectSession: (db: SessionsDatabase, id: Input<string>) => db.select().from(sessions).where(eq(sessions.id, id)),

  selectMessages: (db: SessionsDatabase, id: Input<string>) =>
    db
      .select({ role: messages.role, text: messages.text, moves: messages.moves })
      .from(messages)
      .where(eq(messages.sessionId, id))
      .orderBy(asc(messages.seq)),
};

/** A new session's header row. */
export function sessionInputs(session: SessionRecord): SessionInputs & { id: string } {
  return {
    id: session.id,
    persona: session.persona,
    mode: session.mode,
    lang: session.lang,
    state: JSON.stringify(session.state),
    turn: session.state.turn,
    createdAt: session.createdAt,
    ownerUser: session.owner?.user ?? null,
    ownerTeam: session.owner?.team ?? null,
  };
}

/** A new session's rows: its header and its first messages from seq 0. */
export function createQueries(db: SessionsDatabase, session: SessionRecord) {
  const header = sessionQueries.insertSession(db, sessionInputs(session));
  const rows = session.messages.map((message, seq) =>
    sessionQueries.insertMessage(db, { sessionId: session.id, seq, ...messageColumns(message) }),
  );
  return [header, ...rows];
}

/**
 * A turn's writes, to run as one batch (D1), in this order: the messages (written only while the session is
 * still at `turn`), then the update, which comes last and only matches at `turn`.
 */
export function turnQueries(
  db: SessionsDatabase,
  id: string,
  turn: number,
  added: readonly Message[],
  state: SessionRecord["state"],
) {
  const inserts = added.map((message) =>
    sessionQueries.appendMessage(db, { sessionId: id, turn, ...messageColumns(message) }),
  );
  const update = sessionQueries.updateTurn(db, { id, turn, state: JSON.stringify(state), nextTurn: state.turn });
  return { inserts, update };
}

/** A session and its messages, read back the same way by both stores. */
export async function readSession(db: SessionsDatabase, id: string): Promise<SessionRecord | undefined> {
  const row = await sessionQueries.selectSession(db, id).get();
  if (!row) return undefined;
  return recordFromRows(row, await sessionQueries.selectMessages(db, id).all());
}

/** A message's stored columns. */
export function messageColumns(message: Message): MessageRow {
  return { role: message.role, text: message.text, moves: message.moves ? JSON.stringify(message.moves) : null };
}

/** A session as both stores read it back. */
export function recordFromRows(row: SessionRow, rows: readonly MessageRow[]): SessionRecord {
  return {
    id: row.id,
    persona: row.persona,
    mode: row.mode as SessionRecord["mode"],
    lang: row.lang as SessionRecord["lang"],
    state: JSON.parse(row.state) as SessionRecord["state"],
    messages: rows.map((message) => ({
      role: message.role as Message["role"],
      text: message.text,
      ...(message.moves ? { moves: JSON.parse(message.moves) as Message["moves"] } : {}),
    })),
    createdAt: row.createdAt,
    ...(row.ownerUser ? { owner: { user: row.ownerUser, team: row.ownerTeam ?? "" } } : {}),
  };
}
