import type { Lang } from "../../retrieval/types.js";
import type { Advice } from "../advice/types.js";

/** Whose records these are: the token's user, or the one local user when tokens are off (DESIGN §7). */
export interface Owner {
  user: string;
  team: string;
}

export type RepType = "excitable" | "opinionated" | "steady";
export type NoteKind = "problem" | "talk" | "note";

/** A month's results in a rep's file. */
export interface MonthResult {
  month: string;
  amount: number;
}

/** The fields of a rep's file the handbook lists (4.5.4.1.1 了解員工), as a manager writes them. */
export interface RepFields {
  name: string;
  startDate?: string;
  type?: RepType;
  gender?: string;
  age?: number;
  education?: string;
  major?: string;
  workHistory?: string;
  birthday?: string;
  strengths?: string;
  weaknesses?: string;
  likes?: string;
  results?: MonthResult[];
  /** The rep's own login (COACH_TOKENS `user`): links the file to their practice records (/team). */
  user?: string;
}

export interface RepRecord extends RepFields {
  id: string;
  owner: Owner;
  createdAt: string;
  updatedAt: string;
}

export interface RepNote {
  id: string;
  repId: string;
  kind: NoteKind;
  text: string;
  /** When it happened (the manager may date a note in the past); `createdAt` is when it was written. */
  at: string;
  createdAt: string;
}

/** What a follow-up carries from earlier turns (stored with the conversation). */
export interface ConversationState {
  /** The diagnosis values so far, by field (who, tenure, type, stage, performance, problem). */
  diagnosis: Record<string, string>;
  /** The manager's earlier messages, oldest first (the last few). */
  earlier: string[];
  /** Passages the coach already cited, newest answer last. */
  cited: string[][];
}

export interface ConversationRecord {
  id: string;
  owner: Owner;
  repId: string | null;
  title: string;
  lang: Lang | "auto";
  state: ConversationState;
  turns: number;
  createdAt: string;
  updatedAt: string;
}

/** What an answer took from earlier turns or the rep's file, said in the answer's language. */
export interface Carried {
  /** One line for the reader: "continuing about 老張, a veteran of three years". */
  text: string;
  /** Each thing carried: the field, its value and where it came from. */
  items: Array<{ field: string; value: string; from: "conversation" | "rep" }>;
}

export interface ChatMessage {
  id: string;
  role: "manager" | "coach";
  text: string;
  advice?: Advice;
  carried?: Carried;
  at: string;
}
