import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { INSERT_SESSION, recordFromRows, sessionValues, type Message, type MessageRow, type SessionRecord, type SessionRow, type SessionStore } from "./session-store.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  persona TEXT NOT NULL,
  mode TEXT NOT NULL,
  lang TEXT NOT NULL,
  state TEXT NOT NULL,
  turn INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  text TEXT NOT NULL,
  moves TEXT,
  PRIMARY KEY (session_id, seq)
);`;

/**
 * Sessions in SQLite (better-sqlite3, WAL, synchronous=FULL): a turn is one transaction, so after a crash
 * every acknowledged message is there and no half-written turn is.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.exec(SCHEMA);
    // Databases from before owners existed get the two columns (migrations/0002 does the same on D1).
    const columns = (this.db.prepare("PRAGMA table_info(sessions)").all() as Array<{ name: string }>).map((column) => column.name);
    if (!columns.includes("owner_user")) this.db.exec("ALTER TABLE sessions ADD COLUMN owner_user TEXT; ALTER TABLE sessions ADD COLUMN owner_team TEXT;");
  }

  async create(session: SessionRecord): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(INSERT_SESSION).run(...sessionValues(session));
      this.insertMessages(session.id, 0, session.messages);
    })();
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const row = this.db.prepare("SELECT * FROM sessions WHERE id = ?").get(id) as SessionRow | undefined;
    if (!row) return undefined;
    return recordFromRows(row, this.db.prepare("SELECT role, text, moves FROM messages WHERE session_id = ? ORDER BY seq").all(id) as MessageRow[]);
  }

  async appendTurn(id: string, turn: number, messages: readonly Message[], state: SessionRecord["state"]): Promise<boolean> {
    return this.db.transaction(() => {
      const updated = this.db.prepare("UPDATE sessions SET state = ?, turn = ? WHERE id = ? AND turn = ?").run(JSON.stringify(state), state.turn, id, turn);
      if (updated.changes === 0) return false;
      const { count } = this.db.prepare("SELECT COUNT(*) AS count FROM messages WHERE session_id = ?").get(id) as { count: number };
      this.insertMessages(id, count, messages);
      return true;
    })();
  }

  close(): void {
    this.db.close();
  }

  private insertMessages(id: string, from: number, messages: readonly Message[]): void {
    const insert = this.db.prepare("INSERT INTO messages (session_id, seq, role, text, moves) VALUES (?, ?, ?, ?, ?)");
    messages.forEach((message, index) => insert.run(id, from + index, message.role, message.text, message.moves ? JSON.stringify(message.moves) : null));
  }
}
