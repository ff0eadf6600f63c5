import type { Lang } from "../../retrieval/types.js";
import type { Owner } from "../chat/types.js";

export type { Owner };

/** The four FABE elements, in the handbook's order. */
export const ELEMENTS = ["F", "A", "B", "E"] as const;
export type Element = (typeof ELEMENTS)[number];

/** One scored pitch (`POST /api/fabe/score`). */
export interface DrillRecord {
  kind: "drill";
  id: string;
  owner: Owner;
  at: string;
  score: number;
  present: Record<Element, boolean>;
  missing: Element[];
  /** The rules the pitch broke (casual-promise, …). */
  violations: string[];
  /** The product card scored against, if any. */
  product?: string;
  /** The practice prompt answered, if any (its focus is what the next-drill rule spaces). */
  drill?: string;
  lang: Lang;
}

/** One debriefed role-play session. */
export interface RoleplayRecord {
  kind: "roleplay";
  id: string;
  owner: Owner;
  at: string;
  score: number;
  persona: string;
  mode: "manager-rep" | "rep-customer";
  sessionId: string;
  criteria: Array<{ id: string; met: boolean }>;
  /** The user's turns when debriefed: a later debrief with more turns replaces the record, the same one does not. */
  turns: number;
  ended: string | null;
}

export type PracticeRecord = DrillRecord | RoleplayRecord;

/** What the store sums up per user, over all of their records (the page's figures, the team's rows). */
export interface UserTotals {
  user: string;
  drills: number;
  roleplays: number;
  /** Mean FABE score over all drills; null without drills. */
  avgFabe: number | null;
  avgRoleplay: number | null;
  /** How many drills had each element. */
  present: Record<Element, number>;
  drillsSince: number;
  roleplaysSince: number;
  lastAt: string | null;
}

/** How often a criterion was met and missed, per user. */
export interface CriterionTotals {
  user: string;
  criterion: string;
  missed: number;
  of: number;
}
