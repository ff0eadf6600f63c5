import type { RunResult } from "better-sqlite3";
import { openSqlite, type SqliteDatabase } from "../../db/open-sqlite.js";
import { type ChatDatabase, chatQueries } from "./chat-rows.js";
import type { ChatStore } from "./chat-store.js";
import type {
  ChatMessage,
  ConversationRecord,
  ConversationState,
  Owner,
  RepFields,
  RepNote,
  RepRecord,
} from "./types.js";

/** A write query of better-sqlite3's drizzle: runs at once and says how many rows it changed. */
interface Runnable {
  run(): unknown;
}

/**
 * Conversations and rep files in SQLite (better-sqlite3, WAL, synchronous=FULL, schema from migrations/): each write
 * is one IMMEDIATE transaction, so an acknowledged turn is on disk and a turn cut short by a crash is not there at all.
 */
export class SqliteChatStore implements ChatStore {
  private readonly database: SqliteDatabase;

  constructor(file: string) {
    this.database = openSqlite(file);
  }

  private get db(): ChatDatabase {
    return this.database.db;
  }

  /** Runs writes in one transaction; returns each one's change count. */
  private atomic(queries: readonly Runnable[]): number[] {
    return this.database.db.transaction(() => queries.map((query) => (query.run() as RunResult).changes), {
      behavior: "immediate",
    });
  }

  async createRep(rep: RepRecord): Promise<void> {
    this.atomic([chatQueries.insertRep(this.db, rep) as unknown as Runnable]);
  }

  getRep(owner: Owner, id: string) {
    return chatQueries.selectRep(this.db, owner, id);
  }

  listReps(owner: Owner) {
    return chatQueries.selectReps(this.db, owner);
  }

  async updateRep(owner: Owner, id: string, fields: RepFields, updatedAt: string): Promise<boolean> {
    const [changed] = this.atomic([
      chatQueries.updateRep(this.db, owner, id, fields, updatedAt) as unknown as Runnable,
    ]);
    return (changed ?? 0) > 0;
  }

  async deleteRep(owner: Owner, id: string): Promise<boolean> {
    const changes = this.atomic(chatQueries.deleteRep(this.db, id, owner) as unknown as Runnable[]);
    return (changes.at(-1) ?? 0) > 0;
  }

  async addNote(note: RepNote): Promise<void> {
    this.atomic([chatQueries.insertNote(this.db, note) as unknown as Runnable]);
  }

  listNotes(repId: string, limit = 500) {
    return chatQueries.selectNotes(this.db, repId, limit);
  }

  async createConversation(conversation: ConversationRecord): Promise<void> {
    this.atomic([chatQueries.insertConversation(this.db, conversation) as unknown as Runnable]);
  }

  getConversation(owner: Owner, id: string) {
    return chatQueries.selectConversation(this.db, owner, id);
  }

  listConversations(owner: Owner, repId?: string) {
    return chatQueries.selectConversations(this.db, owner, repId);
  }

  listMessages(conversationId: string) {
    return chatQueries.selectMessages(this.db, conversationId);
  }

  async appendTurn(
    conversation: ConversationRecord,
    messages: readonly [ChatMessage, ChatMessage],
    state: ConversationState,
    updatedAt: string,
  ): Promise<boolean> {
    const { inserts, update } = chatQueries.appendTurn(this.db, conversation, messages, state, updatedAt);
    try {
      const changes = this.atomic([...inserts, update] as unknown as Runnable[]);
      return (changes.at(-1) ?? 0) > 0;
    } catch (error) {
      // The (conversation, seq) key collided: another turn was written first, and this one rolled back whole.
      if (error instanceof Error && /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(error.message)) return false;
      throw error;
    }
  }

  async deleteConversation(owner: Owner, id: string): Promise<boolean> {
    const changes = this.atomic(chatQueries.deleteConversation(this.db, id, owner) as unknown as Runnable[]);
    return (changes.at(-1) ?? 0) > 0;
  }

  close(): void {
    this.database.sqlite.close();
  }
}
