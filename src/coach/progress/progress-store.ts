import type { Scope } from "./progress-rows.js";
import type { CriterionTotals, PracticeRecord, RoleplayRecord, UserTotals } from "./types.js";

export interface PersonaTotals {
  persona: string;
  sessions: number;
  avg: number;
  best: number;
  lastAt: string;
}

/**
 * Where practice records live: SQLite on Node, D1 on Workers. Reads are by user or by team; the service decides who
 * may read what. Each write is atomic: a record is stored whole with its criteria, or not at all.
 */
export interface ProgressStore {
  add(record: PracticeRecord): Promise<void>;
  /** Stores a role-play's record in place of the session's earlier one, if any. */
  replaceSession(record: RoleplayRecord): Promise<void>;
  sessionRecord(sessionId: string): Promise<PracticeRecord | undefined>;
  /** A user's newest records of a kind, newest first. */
  recent(user: string, kind: PracticeRecord["kind"], limit: number): Promise<PracticeRecord[]>;
  /** All of a user's records, oldest first. */
  all(user: string): Promise<PracticeRecord[]>;
  totals(scope: Scope, since: string): Promise<UserTotals[]>;
  criteria(scope: Scope): Promise<CriterionTotals[]>;
  personas(user: string): Promise<PersonaTotals[]>;
  /** The days a user practised (YYYY-MM-DD at `offsetMinutes` east of UTC), newest first. */
  days(user: string, offsetMinutes: number, limit: number): Promise<string[]>;
  inTeam(team: string, user: string): Promise<boolean>;
  /** Deletes every record of the user; how many there were. */
  deleteAll(user: string): Promise<number>;
}
