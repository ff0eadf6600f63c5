import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { schema } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import type { D1Like } from "../roleplay/d1-store.js";
import { chatQueries } from "./chat-rows.js";
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

type Batch = [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];

/**
 * Conversations and rep files in D1 (Workers), schema from migrations/ (applied by wrangler). Each write is one batch,
 * which D1 runs as a transaction; anything D1 throws is AppError "unavailable" (503) but a lost race on a turn.
 */
export class D1ChatStore implements ChatStore {
  private readonly db: DrizzleD1Database<typeof schema>;

  constructor(binding: D1Like) {
    this.db = drizzle(binding, { schema });
  }

  /** Runs writes as one batch; returns each one's change count. */
  private async atomic(queries: readonly BatchItem<"sqlite">[]): Promise<number[]> {
    const results = await this.db.batch(queries as Batch);
    return results.map((result) => (result as { meta?: { changes?: number } } | undefined)?.meta?.changes ?? 0);
  }

  async createRep(rep: RepRecord): Promise<void> {
    await unavailableOnError(() => this.atomic([chatQueries.insertRep(this.db, rep)]));
  }

  getRep(owner: Owner, id: string) {
    return unavailableOnError(() => chatQueries.selectRep(this.db, owner, id));
  }

  listReps(owner: Owner) {
    return unavailableOnError(() => chatQueries.selectReps(this.db, owner));
  }

  async updateRep(owner: Owner, id: string, fields: RepFields, updatedAt: string): Promise<boolean> {
    const [changed] = await unavailableOnError(() =>
      this.atomic([chatQueries.updateRep(this.db, owner, id, fields, updatedAt)]),
    );
    return (changed ?? 0) > 0;
  }

  async deleteRep(owner: Owner, id: string): Promise<boolean> {
    const changes = await unavailableOnError(() => this.atomic(chatQueries.deleteRep(this.db, id, owner)));
    return (changes.at(-1) ?? 0) > 0;
  }

  async addNote(note: RepNote): Promise<void> {
    await unavailableOnError(() => this.atomic([chatQueries.insertNote(this.db, note)]));
  }

  listNotes(repId: string, limit = 500) {
    return unavailableOnError(() => chatQueries.selectNotes(this.db, repId, limit));
  }

  async createConversation(conversation: ConversationRecord): Promise<void> {
    await unavailableOnError(() => this.atomic([chatQueries.insertConversation(this.db, conversation)]));
  }

  getConversation(owner: Owner, id: string) {
    return unavailableOnError(() => chatQueries.selectConversation(this.db, owner, id));
  }

  listConversations(owner: Owner, repId?: string) {
    return unavailableOnError(() => chatQueries.selectConversations(this.db, owner, repId));
  }

  listMessages(conversationId: string) {
    return unavailableOnError(() => chatQueries.selectMessages(this.db, conversationId));
  }

  async appendTurn(
    conversation: ConversationRecord,
    messages: readonly [ChatMessage, ChatMessage],
    state: ConversationState,
    updatedAt: string,
  ): Promise<boolean> {
    const { inserts, update } = chatQueries.appendTurn(this.db, conversation, messages, state, updatedAt);
    try {
      const changes = await this.atomic([...inserts, update]);
      return (changes.at(-1) ?? 0) > 0;
    } catch (error) {
      if (isConstraintError(error)) return false;
      throw unavailable(error);
    }
  }

  async deleteConversation(owner: Owner, id: string): Promise<boolean> {
    const changes = await unavailableOnError(() => this.atomic(chatQueries.deleteConversation(this.db, id, owner)));
    return (changes.at(-1) ?? 0) > 0;
  }
}

async function unavailableOnError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailable(error);
  }
}

function unavailable(error: unknown): AppError {
  // drizzle wraps a failed query with its parameters, which hold users' words: the log gets D1's own error.
  const cause = error instanceof DrizzleQueryError ? (error.cause ?? error) : error;
  return new AppError("unavailable", "Conversations are not reachable right now; try again in a moment.", undefined, {
    cause,
  });
}

function isConstraintError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/constraint failed|SQLITE_CONSTRAINT/i.test(current.message)) return true;
  }
  return false;
}
