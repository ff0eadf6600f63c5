import type { BatchItem } from "drizzle-orm/batch";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { isConstraintError, unavailableOnError as onError, unavailable } from "../../db/d1-errors.js";
import { schema } from "../../db/schema.js";
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

const WHAT = "Conversations";
/** A D1 call whose failure is a 503 `unavailable`. */
const guarded = <T>(work: () => Promise<T>) => onError(work, WHAT);

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
    await guarded(() => this.atomic([chatQueries.insertRep(this.db, rep)]));
  }

  getRep(owner: Owner, id: string) {
    return guarded(() => chatQueries.selectRep(this.db, owner, id));
  }

  listReps(owner: Owner) {
    return guarded(() => chatQueries.selectReps(this.db, owner));
  }

  async updateRep(owner: Owner, id: string, fields: RepFields, updatedAt: string): Promise<boolean> {
    const [changed] = await guarded(() => this.atomic([chatQueries.updateRep(this.db, owner, id, fields, updatedAt)]));
    return (changed ?? 0) > 0;
  }

  async deleteRep(owner: Owner, id: string): Promise<boolean> {
    const changes = await guarded(() => this.atomic(chatQueries.deleteRep(this.db, id, owner)));
    return (changes.at(-1) ?? 0) > 0;
  }

  async addNote(note: RepNote): Promise<void> {
    await guarded(() => this.atomic([chatQueries.insertNote(this.db, note)]));
  }

  listNotes(repId: string, limit = 500) {
    return guarded(() => chatQueries.selectNotes(this.db, repId, limit));
  }

  async createConversation(conversation: ConversationRecord): Promise<void> {
    await guarded(() => this.atomic([chatQueries.insertConversation(this.db, conversation)]));
  }

  getConversation(owner: Owner, id: string) {
    return guarded(() => chatQueries.selectConversation(this.db, owner, id));
  }

  listConversations(owner: Owner, repId?: string) {
    return guarded(() => chatQueries.selectConversations(this.db, owner, repId));
  }

  listMessages(conversationId: string) {
    return guarded(() => chatQueries.selectMessages(this.db, conversationId));
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
      throw unavailable(error, WHAT);
    }
  }

  async deleteConversation(owner: Owner, id: string): Promise<boolean> {
    const changes = await guarded(() => this.atomic(chatQueries.deleteConversation(this.db, id, owner)));
    return (changes.at(-1) ?? 0) > 0;
  }
}
