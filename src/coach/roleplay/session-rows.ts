import { and, asc, eq, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { messages, type schema, sessions } from "../../db/schema.js";
import type { Message, SessionRecord } from "./session-store.js";

/** Either runtime's drizzle database (better-sqlite3 is sync, D1 async): the stores share their queries. */
export type SessionsDatabase = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

type SessionRow = typeof sessions.$inferSelect;
type MessageRow = Pick<typeof messages.$inferSelect, "role" | "text" | "moves">;

/** A new session's rows: its header and its first messages from seq 0. */
export function createQueries(db: SessionsDatabase, session: SessionRecord) {
  const header = db.insert(sessions).values({
    id: session.id,
    persona: session.persona,
    mode: session.mode,
    lang: session.lang,
    state: JSON.stringify(session.state),
    turn: session.state.turn,
    createdAt: session.createdAt,
    ownerUser: session.owner?.user ?? null,
    ownerTeam: session.owner?.team ?? null,
  });
  const rows = session.messages.map((message, seq) => ({ sessionId: session.id, seq, ...messageColumns(message) }));
  return rows.length > 0 ? [header, db.insert(messages).values(rows)] : [header];
}

/**
 * A turn's writes, to run as one transaction (SQLite) or batch (D1), in this order. Each message insert only
 * selects a row while the session is still at `turn`, numbering it after the last stored one; the update comes
 * last and only matches at `turn`. So a turn that lost the race writes nothing, and its update reports no change.
 */
export function turnQueries(
  db: SessionsDatabase,
  id: string,
  turn: number,
  added: readonly Message[],
  state: SessionRecord["state"],
) {
  const inserts = added.map((message) => {
    const columns = messageColumns(message);
    return db.insert(messages).select(
      db
        .select({
          sessionId: sql<string>`${id}`.as("session_id"),
          seq: sql<number>`(SELECT COALESCE(MAX(${messages.seq}) + 1, 0) FROM ${messages} WHERE ${messages.sessionId} = ${id})`.as(
            "seq",
          ),
          role: sql<string>`${columns.role}`.as("role"),
          text: sql<string>`${columns.text}`.as("text"),
          moves: sql<string | null>`${columns.moves}`.as("moves"),
        })
        .from(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.turn, turn))),
    );
  });
  const update = db
    .update(sessions)
    .set({ state: JSON.stringify(state), turn: state.turn })
    .where(and(eq(sessions.id, id), eq(sessions.turn, turn)));
  return { inserts, update };
}

/** A session and its messages, read back the same way by both stores. */
export async function readSession(db: SessionsDatabase, id: string): Promise<SessionRecord | undefined> {
  const row = await db.select().from(sessions).where(eq(sessions.id, id)).get();
  if (!row) return undefined;
  const rows = await db
    .select({ role: messages.role, text: messages.text, moves: messages.moves })
    .from(messages)
    .where(eq(messages.sessionId, id))
    .orderBy(asc(messages.seq))
    .all();
  return recordFromRows(row, rows);
}

function messageColumns(message: Message): MessageRow {
  return { role: message.role, text: message.text, moves: message.moves ? JSON.stringify(message.moves) : null };
}

function recordFromRows(row: SessionRow, rows: readonly MessageRow[]): SessionRecord {
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
