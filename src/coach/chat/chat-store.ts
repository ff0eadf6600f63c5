import type {
  ChatMessage,
  ConversationRecord,
  ConversationState,
  Owner,
  RepFields,
  RepNote,
  RepRecord,
} from "./types.js";

/** A conversation's list entry. */
export interface ConversationSummary {
  id: string;
  repId: string | null;
  title: string;
  updatedAt: string;
}

/**
 * Where conversations and rep files live: SQLite on Node, D1 on Workers. Every read takes the owner, so another
 * user's record is simply not found. A turn (the manager's message and the coach's answer) is written in one
 * transaction and acknowledged only after it commits.
 */
export interface ChatStore {
  createRep(rep: RepRecord): Promise<void>;
  getRep(owner: Owner, id: string): Promise<RepRecord | undefined>;
  listReps(owner: Owner): Promise<RepRecord[]>;
  /** Replaces the file's fields; false when it is not the owner's. */
  updateRep(owner: Owner, id: string, fields: RepFields, updatedAt: string): Promise<boolean>;
  /** Deletes the file and its notes for real, and unlinks its conversations; false when not the owner's. */
  deleteRep(owner: Owner, id: string): Promise<boolean>;
  addNote(note: RepNote): Promise<void>;
  /** A file's notes, newest first. */
  listNotes(repId: string, limit?: number): Promise<RepNote[]>;

  createConversation(conversation: ConversationRecord): Promise<void>;
  getConversation(owner: Owner, id: string): Promise<ConversationRecord | undefined>;
  /** The owner's conversations, newest first (optionally only those about one rep). */
  listConversations(owner: Owner, repId?: string): Promise<ConversationSummary[]>;
  listMessages(conversationId: string): Promise<ChatMessage[]>;
  /**
   * Appends a turn if the conversation still has `turns` turns; false if a concurrent turn got there first (it is
   * written whole, this one not at all). `title` is set on the first turn.
   */
  appendTurn(
    conversation: ConversationRecord,
    messages: readonly [ChatMessage, ChatMessage],
    state: ConversationState,
    updatedAt: string,
  ): Promise<boolean>;
  /** Deletes the conversation and its messages; false when not the owner's. */
  deleteConversation(owner: Owner, id: string): Promise<boolean>;
}
