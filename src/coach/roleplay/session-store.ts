import type { Lang } from "../../retrieval/types.js";
import type { ReadMove } from "./read-turn.js";
import type { SimState } from "./simulate.js";

export interface Message {
  role: "user" | "persona";
  text: string;
  /** What was read in a user message (kept for the debrief). */
  moves?: ReadMove[];
}

export interface SessionRecord {
  id: string;
  persona: string;
  mode: "manager-rep" | "rep-customer";
  /** "auto" until the user writes: then each reply follows the user's language. */
  lang: Lang | "auto";
  state: SimState;
  messages: Message[];
  createdAt: string;
  /** Who started it, when bearer tokens are on (COACH_TOKENS): reps see their own, managers their team's. */
  owner?: { user: string; team: string };
}

/**
 * Where role-play sessions live: SQLite on Node, D1 on Workers. A turn (the user's message, the reply and
 * the new state) is written in one transaction and acknowledged only after it commits.
 */
export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | undefined>;
  /** Appends a turn if the session is still at `turn` (a concurrent turn loses); false if not. */
  appendTurn(id: string, turn: number, messages: readonly Message[], state: SimState): Promise<boolean>;
}

/** The sessions table's insert, shared by the SQLite and D1 stores (one schema, migrations/). */
export const INSERT_SESSION =
  "INSERT INTO sessions (id, persona, mode, lang, state, turn, created_at, owner_user, owner_team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

export function sessionValues(session: SessionRecord): unknown[] {
  return [session.id, session.persona, session.mode, session.lang, JSON.stringify(session.state), session.state.turn, session.createdAt, session.owner?.user ?? null, session.owner?.team ?? null];
}

export interface SessionRow {
  id: string;
  persona: string;
  mode: SessionRecord["mode"];
  lang: SessionRecord["lang"];
  state: string;
  created_at: string;
  owner_user: string | null;
  owner_team: string | null;
}

export interface MessageRow {
  role: Message["role"];
  text: string;
  moves: string | null;
}

/** A session and its messages as both stores read them back. */
export function recordFromRows(row: SessionRow, messages: readonly MessageRow[]): SessionRecord {
  return {
    id: row.id,
    persona: row.persona,
    mode: row.mode,
    lang: row.lang,
    state: JSON.parse(row.state) as SessionRecord["state"],
    messages: messages.map((message) => ({ role: message.role, text: message.text, ...(message.moves ? { moves: JSON.parse(message.moves) as Message["moves"] } : {}) })),
    createdAt: row.created_at,
    ...(row.owner_user ? { owner: { user: row.owner_user, team: row.owner_team ?? "" } } : {}),
  };
}
