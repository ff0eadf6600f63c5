import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { conversationMessages, conversations, repNotes, reps, type schema } from "../../db/schema.js";
import type { ConversationSummary } from "./chat-store.js";
import type {
  ChatMessage,
  ConversationRecord,
  ConversationState,
  Owner,
  RepFields,
  RepNote,
  RepRecord,
} from "./types.js";

/** Either runtime's drizzle database (better-sqlite3 is sync, D1 async): both stores run these queries. */
export type ChatDatabase = BaseSQLiteDatabase<"sync" | "async", unknown, typeof schema>;

type RepRow = typeof reps.$inferSelect;
type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof conversationMessages.$inferSelect;

/** The fields kept as one JSON document (everything but the name, start date and type). */
function profileOf(fields: RepFields): string {
  const { name: _name, startDate: _startDate, type: _type, ...profile } = fields;
  return JSON.stringify(profile);
}

export function repRow(rep: RepRecord): RepRow {
  return {
    id: rep.id,
    ownerUser: rep.owner.user,
    ownerTeam: rep.owner.team,
    name: rep.name,
    startDate: rep.startDate ?? null,
    type: rep.type ?? null,
    profile: profileOf(rep),
    createdAt: rep.createdAt,
    updatedAt: rep.updatedAt,
  };
}

export function repFromRow(row: RepRow): RepRecord {
  return {
    id: row.id,
    owner: { user: row.ownerUser, team: row.ownerTeam },
    name: row.name,
    ...(row.startDate ? { startDate: row.startDate } : {}),
    ...(row.type ? { type: row.type as RepRecord["type"] } : {}),
    ...(JSON.parse(row.profile) as Omit<RepFields, "name" | "startDate" | "type">),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function conversationFromRow(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    owner: { user: row.ownerUser, team: row.ownerTeam },
    repId: row.repId,
    title: row.title,
    lang: row.lang as ConversationRecord["lang"],
    state: JSON.parse(row.state) as ConversationState,
    turns: row.turns,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function messageFromRow(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    role: row.role as ChatMessage["role"],
    text: row.text,
    ...(row.advice ? { advice: JSON.parse(row.advice) as ChatMessage["advice"] } : {}),
    ...(row.carried ? { carried: JSON.parse(row.carried) as ChatMessage["carried"] } : {}),
    at: row.at,
  };
}

const ownedRep = (owner: Owner, id: string) => and(eq(reps.id, id), eq(reps.ownerUser, owner.user));
const ownedConversation = (owner: Owner, id: string) =>
  and(eq(conversations.id, id), eq(conversations.ownerUser, owner.user));

/**
 * The queries of the chat store, written once for both runtimes. Reads run as they are; each write is a list of
 * queries the store runs atomically (a SQLite transaction, a D1 batch).
 */
export const chatQueries = {
  insertRep: (db: ChatDatabase, rep: RepRecord) => db.insert(reps).values(repRow(rep)),

  selectRep: async (db: ChatDatabase, owner: Owner, id: string) => {
    const row = await db.select().from(reps).where(ownedRep(owner, id)).get();
    return row ? repFromRow(row) : undefined;
  },

  selectReps: async (db: ChatDatabase, owner: Owner) =>
    (await db.select().from(reps).where(eq(reps.ownerUser, owner.user)).orderBy(asc(reps.name)).all()).map(repFromRow),

  updateRep: (db: ChatDatabase, owner: Owner, id: string, fields: RepFields, updatedAt: string) =>
    db
      .update(reps)
      .set({
        name: fields.name,
        startDate: fields.startDate ?? null,
        type: fields.type ?? null,
        profile: profileOf(fields),
        updatedAt,
      })
      .where(ownedRep(owner, id)),

  /** Deleting a file: its notes, its link from conversations, then the file (only the owner's). */
  deleteRep: (db: ChatDatabase, id: string, owner: Owner) => [
    db.delete(repNotes).where(eq(repNotes.repId, id)),
    db
      .update(conversations)
      .set({ repId: null })
      .where(and(eq(conversations.repId, id), eq(conversations.ownerUser, owner.user))),
    db.delete(reps).where(ownedRep(owner, id)),
  ],

  insertNote: (db: ChatDatabase, note: RepNote) => db.insert(repNotes).values(note),

  selectNotes: async (db: ChatDatabase, repId: string, limit: number) =>
    (
      await db
        .select()
        .from(repNotes)
        .where(eq(repNotes.repId, repId))
        .orderBy(desc(repNotes.at), desc(repNotes.createdAt))
        .limit(limit)
        .all()
    ).map((row) => ({ ...row, kind: row.kind as RepNote["kind"] })),

  insertConversation: (db: ChatDatabase, conversation: ConversationRecord) =>
    db.insert(conversations).values({
      id: conversation.id,
      ownerUser: conversation.owner.user,
      ownerTeam: conversation.owner.team,
      repId: conversation.repId,
      title: conversation.title,
      lang: conversation.lang,
      state: JSON.stringify(conversation.state),
      turns: conversation.turns,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
    }),

  selectConversation: async (db: ChatDatabase, owner: Owner, id: string) => {
    const row = await db.select().from(conversations).where(ownedConversation(owner, id)).get();
    return row ? conversationFromRow(row) : undefined;
  },

  selectConversations: async (db: ChatDatabase, owner: Owner, repId?: string): Promise<ConversationSummary[]> =>
    db
      .select({
        id: conversations.id,
        repId: conversations.repId,
        title: conversations.title,
        updatedAt: conversations.updatedAt,
      })
      .from(conversations)
      .where(
        repId
          ? and(eq(conversations.ownerUser, owner.user), eq(conversations.repId, repId))
          : eq(conversations.ownerUser, owner.user),
      )
      .orderBy(desc(conversations.updatedAt), desc(conversations.createdAt))
      .all(),

  selectMessages: async (db: ChatDatabase, conversationId: string) =>
    (
      await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.conversationId, conversationId))
        .orderBy(asc(conversationMessages.seq))
        .all()
    ).map(messageFromRow),

  /**
   * A turn's writes, in order: each message is inserted only while the conversation still has `turns` turns (at
   * seq 2·turns and 2·turns+1), then the header moves on, again only at `turns`; its change count says who won.
   */
  appendTurn: (
    db: ChatDatabase,
    conversation: ConversationRecord,
    added: readonly ChatMessage[],
    state: ConversationState,
    updatedAt: string,
  ) => {
    const at = (column: SQL | string) => sql`${column}`;
    const inserts = added.map((message, index) =>
      db.insert(conversationMessages).select(
        db
          .select({
            conversationId: at(conversation.id).mapWith(String).as("conversation_id"),
            seq: sql<number>`${conversation.turns * 2 + index}`.as("seq"),
            id: at(message.id).mapWith(String).as("id"),
            role: at(message.role).mapWith(String).as("role"),
            text: at(message.text).mapWith(String).as("text"),
            advice: sql<string | null>`${message.advice ? JSON.stringify(message.advice) : null}`.as("advice"),
            carried: sql<string | null>`${message.carried ? JSON.stringify(message.carried) : null}`.as("carried"),
            at: at(message.at).mapWith(String).as("at"),
          })
          .from(conversations)
          .where(and(eq(conversations.id, conversation.id), eq(conversations.turns, conversation.turns))),
      ),
    );
    const update = db
      .update(conversations)
      .set({
        state: JSON.stringify(state),
        turns: conversation.turns + 1,
        title: conversation.title,
        updatedAt,
      })
      .where(and(eq(conversations.id, conversation.id), eq(conversations.turns, conversation.turns)));
    return { inserts, update };
  },

  deleteConversation: (db: ChatDatabase, id: string, owner: Owner) => [
    db
      .delete(conversationMessages)
      .where(
        and(
          eq(conversationMessages.conversationId, id),
          sql`EXISTS (SELECT 1 FROM ${conversations} WHERE ${conversations.id} = ${id} AND ${conversations.ownerUser} = ${owner.user})`,
        ),
      ),
    db.delete(conversations).where(ownedConversation(owner, id)),
  ],
};
