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
  /**
   * Appends a turn if the session is still at `turn`; false if a concurrent turn got there first (it loses
   * whole). A storage failure throws instead (AppError "unavailable" on D1), so it is never taken for a race.
   */
  appendTurn(id: string, turn: number, messages: readonly Message[], state: SimState): Promise<boolean>;
}
