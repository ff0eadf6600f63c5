import { INSERT_SESSION, recordFromRows, sessionValues, type Message, type MessageRow, type SessionRecord, type SessionRow, type SessionStore } from "./session-store.js";

/** The parts of Cloudflare's D1 binding this store uses. */
export interface D1Like {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<unknown[]>;
}
interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  first<T>(): Promise<T | null>;
  all<T>(): Promise<{ results: T[] }>;
  run(): Promise<{ meta: { changes?: number } }>;
}

/**
 * Sessions in D1 (Workers), with the schema of migrations/0001_sessions.sql. A turn is one batch, which D1
 * runs as a transaction: the state update only matches the expected turn, and the messages' primary key
 * (session, seq) makes a concurrent turn fail whole instead of interleaving.
 */
export class D1SessionStore implements SessionStore {
  constructor(private readonly db: D1Like) {}

  async create(session: SessionRecord): Promise<void> {
    await this.db.batch([
      this.db.prepare(INSERT_SESSION).bind(...sessionValues(session)),
      ...this.inserts(session.id, 0, session.messages),
    ]);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.prepare("SELECT * FROM sessions WHERE id = ?").bind(id).first<SessionRow>();
    if (!row) return undefined;
    const { results } = await this.db.prepare("SELECT role, text, moves FROM messages WHERE session_id = ? ORDER BY seq").bind(id).all<MessageRow>();
    return recordFromRows(row, results);
  }

  async appendTurn(id: string, turn: number, messages: readonly Message[], state: SessionRecord["state"]): Promise<boolean> {
    const count = await this.db.prepare("SELECT COUNT(*) AS count FROM messages WHERE session_id = ?").bind(id).first<{ count: number }>();
    try {
      const [updated] = (await this.db.batch([
        this.db.prepare("UPDATE sessions SET state = ?, turn = ? WHERE id = ? AND turn = ?").bind(JSON.stringify(state), state.turn, id, turn),
        ...this.inserts(id, count?.count ?? 0, messages),
      ])) as Array<{ meta: { changes?: number } }>;
      return (updated?.meta.changes ?? 0) > 0;
    } catch {
      return false;
    }
  }

  private inserts(id: string, from: number, messages: readonly Message[]): D1Statement[] {
    return messages.map((message, index) =>
      this.db
        .prepare("INSERT INTO messages (session_id, seq, role, text, moves) VALUES (?, ?, ?, ?, ?)")
        .bind(id, from + index, message.role, message.text, message.moves ? JSON.stringify(message.moves) : null),
    );
  }
}
