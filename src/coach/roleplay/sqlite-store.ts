import type { RunResult } from "better-sqlite3";
import { sql } from "drizzle-orm";
import { openSqlite, type SqliteDatabase } from "../../db/open-sqlite.js";
import { messageColumns, recordFromRows, sessionInputs, sessionQueries } from "./session-rows.js";
import type { Message, SessionRecord, SessionStore } from "./session-store.js";

/**
 * Sessions in SQLite (better-sqlite3, WAL, synchronous=FULL; schema from migrations/): a turn is one
 * transaction, so after a crash every acknowledged message is there and no half-written turn is.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly database: SqliteDatabase;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(file: string) {
    this.database = openSqlite(file);
    this.statements = prepare(this.database.db);
  }

  async create(session: SessionRecord): Promise<void> {
    const { insertSession, insertMessage } = this.statements;
    this.database.db.transaction(() => {
      insertSession.run(sessionInputs(session));
      session.messages.forEach((message, seq) => {
        insertMessage.run({ sessionId: session.id, seq, ...messageColumns(message) });
      });
    });
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    // better-sqlite3 answers at once; the await only settles the type both drivers' queries share.
    const row = await this.statements.selectSession.get({ id });
    return row ? recordFromRows(row, await this.statements.selectMessages.all({ id })) : undefined;
  }

  async appendTurn(
    id: string,
    turn: number,
    messages: readonly Message[],
    state: SessionRecord["state"],
  ): Promise<boolean> {
    const { appendMessage, updateTurn } = this.statements;
    // Synchronous and IMMEDIATE: no other turn on this connection can interleave, and another process's turn
    // waits for the write lock (better-sqlite3's 5 s busy timeout), then finds the turn moved on. The messages go
    // first and are only written while the session is at `turn`; the update last, and only at `turn`.
    return this.database.db.transaction(
      () => {
        for (const message of messages) appendMessage.run({ sessionId: id, turn, ...messageColumns(message) });
        const update = updateTurn.run({ id, turn, state: JSON.stringify(state), nextTurn: state.turn });
        return (update as RunResult).changes > 0;
      },
      { behavior: "immediate" },
    );
  }

  close(): void {
    this.database.sqlite.close();
  }
}

/** The store's statements, built and compiled once (sessionQueries with placeholders). */
function prepare(db: SqliteDatabase["db"]) {
  const p = (name: string) => sql.placeholder(name);
  const message = { sessionId: p("sessionId"), role: p("role"), text: p("text"), moves: p("moves") };
  return {
    insertSession: sessionQueries
      .insertSession(db, {
        id: p("id"),
        persona: p("persona"),
        mode: p("mode"),
        lang: p("lang"),
        state: p("state"),
        turn: p("turn"),
        createdAt: p("createdAt"),
        ownerUser: p("ownerUser"),
        ownerTeam: p("ownerTeam"),
      })
      .prepare(),
    insertMessage: sessionQueries.insertMessage(db, { ...message, seq: p("seq") }).prepare(),
    appendMessage: sessionQueries.appendMessage(db, { ...message, turn: p("turn") }).prepare(),
    updateTurn: sessionQueries
      .updateTurn(db, { id: p("id"), turn: p("turn"), state: p("state"), nextTurn: p("nextTurn") })
      .prepare(),
    selectSession: sessionQueries.selectSession(db, p("id")).prepare(),
    selectMessages: sessionQueries.selectMessages(db, p("id")).prepare(),
  };
}
