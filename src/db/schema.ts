import { foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Everything the service stores, for both runtimes (SQLite on Node, D1 on Workers). A new table goes here;
 * `npm run db:generate` then writes its migration into migrations/ (docs/storage.md).
 */

/** A role-play session: its header and the simulation state as JSON; `turn` guards concurrent turns. */
export const sessions = sqliteTable("sessions", {
  id: text("id").primaryKey(),
  persona: text("persona").notNull(),
  mode: text("mode").notNull(),
  lang: text("lang").notNull(),
  state: text("state").notNull(),
  turn: integer("turn").notNull(),
  createdAt: text("created_at").notNull(),
  // Who started it, when bearer tokens are on (COACH_TOKENS); null on sessions from before owners.
  ownerUser: text("owner_user"),
  ownerTeam: text("owner_team"),
});

/** A session's messages in order; (session_id, seq) is the key, so two turns cannot both write one seq. */
export const messages = sqliteTable(
  "messages",
  {
    sessionId: text("session_id").notNull(),
    seq: integer("seq").notNull(),
    role: text("role").notNull(),
    text: text("text").notNull(),
    moves: text("moves"),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.seq] }),
    foreignKey({ columns: [table.sessionId], foreignColumns: [sessions.id] }),
  ],
);

/**
 * A rep's file (職員檔案, handbook 4.5.4.1.1), kept by the manager who made it. `name`, `start_date` and `type` are
 * columns because the diagnosis reads them; the other fields the handbook lists (gender, age, education, …) and the
 * monthly results are one JSON document, read and written whole.
 */
export const reps = sqliteTable(
  "reps",
  {
    id: text("id").primaryKey(),
    ownerUser: text("owner_user").notNull(),
    ownerTeam: text("owner_team").notNull(),
    name: text("name").notNull(),
    startDate: text("start_date"),
    type: text("type"),
    profile: text("profile").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (table) => [index("reps_owner").on(table.ownerUser, table.updatedAt)],
);

/** The timeline of a rep's file: problems noticed, talks held, anything else the manager notes. */
export const repNotes = sqliteTable(
  "rep_notes",
  {
    id: text("id").primaryKey(),
    repId: text("rep_id").notNull(),
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    at: text("at").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [
    index("rep_notes_rep").on(table.repId, table.at),
    foreignKey({ columns: [table.repId], foreignColumns: [reps.id] }),
  ],
);

/**
 * A manager's conversation with the coach. `state` is what a follow-up carries (the diagnosis so far, the passages
 * already cited, JSON); `turns` counts the stored turns and guards concurrent follow-ups as `sessions.turn` does.
 */
export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    ownerUser: text("owner_user").notNull(),
    ownerTeam: text("owner_team").notNull(),
    repId: text("rep_id"),
    title: text("title").notNull(),
    lang: text("lang").notNull(),
    state: text("state").notNull(),
    turns: integer("turns").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (table) => [
    index("conversations_owner").on(table.ownerUser, table.updatedAt),
    index("conversations_rep").on(table.repId),
  ],
);

/** A conversation's messages in order: the manager's and the coach's (whose answer is kept whole as JSON). */
export const conversationMessages = sqliteTable(
  "conversation_messages",
  {
    conversationId: text("conversation_id").notNull(),
    seq: integer("seq").notNull(),
    id: text("id").notNull(),
    role: text("role").notNull(),
    text: text("text").notNull(),
    advice: text("advice"),
    carried: text("carried"),
    at: text("at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.conversationId, table.seq] }),
    foreignKey({ columns: [table.conversationId], foreignColumns: [conversations.id] }),
  ],
);

/**
 * A practice record: one scored FABE pitch (`kind` "drill") or one debriefed role-play (`kind` "roleplay"), kept for
 * the user who practised. The four elements are columns (1 present, 0 missing; null on a role-play) so that a team's
 * presence rates are one aggregate; what only a page shows (the missing list, the violations, the debrief's turn
 * count) is JSON in `detail`. A role-play has one record per session (`session_id` is unique): a later debrief of the
 * same session replaces it.
 */
export const practiceRecords = sqliteTable(
  "practice_records",
  {
    id: text("id").primaryKey(),
    ownerUser: text("owner_user").notNull(),
    ownerTeam: text("owner_team").notNull(),
    kind: text("kind").notNull(),
    at: text("at").notNull(),
    score: real("score").notNull(),
    f: integer("f"),
    a: integer("a"),
    b: integer("b"),
    e: integer("e"),
    product: text("product"),
    drill: text("drill"),
    persona: text("persona"),
    sessionId: text("session_id"),
    detail: text("detail").notNull(),
  },
  (table) => [
    index("practice_owner").on(table.ownerUser, table.kind, table.at),
    // Covers a team's totals (GET /api/team/progress): the aggregate reads the index alone, never the rows.
    index("practice_team").on(
      table.ownerTeam,
      table.ownerUser,
      table.kind,
      table.at,
      table.score,
      table.f,
      table.a,
      table.b,
      table.e,
    ),
    uniqueIndex("practice_session").on(table.sessionId),
  ],
);

/** A role-play record's criteria, one row each, so that "most often missed" is an aggregate over a team. */
export const practiceCriteria = sqliteTable(
  "practice_criteria",
  {
    recordId: text("record_id").notNull(),
    ownerUser: text("owner_user").notNull(),
    ownerTeam: text("owner_team").notNull(),
    criterion: text("criterion").notNull(),
    met: integer("met").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.recordId, table.criterion] }),
    // Both cover "most often missed", by team and by user, in the order the aggregate groups them.
    index("practice_criteria_team").on(table.ownerTeam, table.ownerUser, table.criterion, table.met),
    index("practice_criteria_user").on(table.ownerUser, table.criterion, table.met),
    foreignKey({ columns: [table.recordId], foreignColumns: [practiceRecords.id] }),
  ],
);

/** The schema object the drizzle drivers take. */
export const schema = {
  sessions,
  messages,
  reps,
  repNotes,
  conversations,
  conversationMessages,
  practiceRecords,
  practiceCriteria,
};
