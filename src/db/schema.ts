import { foreignKey, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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

/** The schema object the drizzle drivers take. */
export const schema = { sessions, messages };
