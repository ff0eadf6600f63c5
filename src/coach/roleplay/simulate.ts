import type { Lang } from "../../retrieval/types.js";
import type { Persona } from "./persona.js";
import type { ReadMove } from "./read-turn.js";
import type { RoleplaySettings } from "./roleplay-settings.js";
import { fillSlots, type Slots, slotsIn } from "./slots.js";

/** What a turn calls for from the other person (docs/roleplay-call-guide.md). */
export const CALLS = ["answer", "decide", "none"] as const;
export type Call = (typeof CALLS)[number];
type LineKind = "answer" | "accept" | "counter";

/** What a session remembers between turns; stored as JSON with the session. */
export interface SimState {
  vars: Record<string, number>;
  /** User turns taken. */
  turn: number;
  ended: null | "success" | "breakdown" | "turn-cap";
  /** The last reply's situation and variant, so the next one is never the same. */
  last: { situation: string; index: number } | null;
  /** Per-session seed: replies vary between sessions but replay identically within one. */
  seed: number;
  /** The moves made in earlier turns (a card's `conditions` depend on them); absent in sessions started before. */
  made?: string[];
  /** The replies said so far (`situation:index`), so none is said twice while another is left. */
  said?: string[];
}

export interface TurnOutcome {
  state: SimState;
  reply: string;
  situation: string;
  /** What the reply does: answers a question, accepts or counters an offer, or another reaction. */
  replyKind: "answer" | "accept" | "counter" | "other";
  /** Set when the user did something the handbook says fails with this person. */
  hint?: { text: string; basis: string[] };
  /** What each recognised move did to the meters (before they were held within `meters`), in the order read. */
  effects: Array<{ move: string; quote: string; changes: Record<string, number> }>;
}

export function say(
  text: { "zh-Hant": string; en: string },
  lang: Lang,
  toSimplified: (text: string) => string,
): string {
  if (lang === "en") return text.en;
  return lang === "zh-Hans" ? toSimplified(text["zh-Hant"]) : text["zh-Hant"];
}

export function startState(persona: Persona, seed: number): SimState {
  return { vars: { ...persona.state }, turn: 0, ended: null, last: null, seed };
}

export function opening(persona: Persona, state: SimState, lang: Lang, toSimplified: (text: string) => string): string {
  return say(persona.opening[state.seed % persona.opening.length] as Persona["opening"][number], lang, toSimplified);
}

/**
 * One turn of the simulation, deterministic given the state: the moves change the state by the card's
 * effects; the reply answers the strongest move (or, when nothing was recognised, the mood the state is
 * in); the session ends on the card's success or breakdown condition or at its turn cap.
 */
export function takeTurn(
  persona: Persona,
  state: SimState,
  moves: readonly ReadMove[],
  lang: Lang,
  toSimplified: (text: string) => string,
  /** prompts/roleplay-settings.json: the mood thresholds and the reply stride. */
  settings: Pick<RoleplaySettings, "mood" | "replyStride" | "endFromTurn" | "answerFirst" | "meters" | "call">,
  /** The user's own words a line can repeat (slots.ts): a line with `{time}` or `{number}` needs them. */
  slots: Slots = {},
  /**
   * What the turn calls for, as the call model reads it (docs/roleplay-call-guide.md): an answer, a decision on
   * what was put to the person, or nothing in particular. Absent: judged from the moves alone.
   */
  call?: Call,
): TurnOutcome {
  const vars = { ...state.vars };
  let strongest: { move: string; weight: number } | undefined;
  /** How far this turn's moves push the meters in all (before they are held within `meters`). */
  let pushed = 0;
  const made = state.made ?? [];
  const effects: TurnOutcome["effects"] = [];
  for (const { move, quote } of moves) {
    const effect = effectOf(persona, move, made);
    effects.push({
      move,
      quote,
      changes: Object.fromEntries(Object.entries(effect).filter(([, delta]) => delta !== 0)),
    });
    let weight = 0;
    for (const [variable, delta] of Object.entries(effect)) {
      vars[variable] = clamp((vars[variable] ?? 0) + delta, settings.meters);
      weight += Math.abs(delta);
      pushed += delta;
    }
    if (!strongest || weight > strongest.weight) strongest = { move, weight };
  }
  const turn = state.turn + 1;
  // A practice talk is not decided in two lines: success and breakdown end it from `endFromTurn` on; before that the
  // persona answers in the mood the meters say.
  const decided = turn >= settings.endFromTurn;
  const success =
    decided && Object.entries(persona.end.success.when).every(([variable, value]) => (vars[variable] ?? 0) >= value);
  const breakdown =
    decided && Object.entries(persona.end.breakdown.when).some(([variable, value]) => (vars[variable] ?? 0) <= value);
  const ended: SimState["ended"] = success
    ? "success"
    : breakdown
      ? "breakdown"
      : turn >= persona.end.maxTurns
        ? "turn-cap"
        : null;
  const failed = moves
    .map(({ move }) => persona.fails.find((fail) => fail.move === move))
    .find((fail) => fail !== undefined);
  const hint = failed ? { text: say(failed, lang, toSimplified), basis: failed.basis } : undefined;

  if (ended === "success" || ended === "breakdown") {
    const line = persona.end[ended];
    return {
      state: { ...state, vars, turn, ended, last: { situation: ended, index: 0 }, made: madeAfter(made, moves) },
      reply: say(line, lang, toSimplified),
      situation: ended,
      replyKind: ended === "success" ? "accept" : "counter",
      effects,
      ...(hint ? { hint } : {}),
    };
  }
  const { situation, wanted } = replySituation(persona, moves, strongest?.move, vars, pushed, settings, call);
  const variants = persona.replies[situation] ?? persona.replies.neutral ?? [];
  // A line that repeats the user's words (their time, their number) is said only when the turn has them, and then
  // before the others of its kind: it answers what was said.
  const needs = (at: number) => slotsIn(say(variants[at] as (typeof variants)[number], lang, (text) => text));
  const usable = variants.map((_, at) => at).filter((at) => needs(at).every((name) => slots[name]));
  const ofKind = usable.filter((at) => wanted && variants[at]?.kind === wanted);
  const echoing = ofKind.filter((at) => needs(at).length > 0);
  const candidates = echoing.length > 0 ? echoing : ofKind.length > 0 ? ofKind : usable;
  const start = (state.seed + turn * settings.replyStride) % candidates.length;
  const order = candidates.map((_, offset) => candidates[(start + offset) % candidates.length] as number);
  // Never a line already said in this session while the situation has one left; never the previous line.
  const said = new Set(state.said ?? []);
  const notPrevious = (at: number) => !(state.last?.situation === situation && state.last.index === at);
  const index =
    order.find((at) => !said.has(`${situation}:${at}`)) ??
    (ofKind.length > 0 ? ofKind : usable).find((at) => !said.has(`${situation}:${at}`)) ??
    usable.find((at) => !said.has(`${situation}:${at}`)) ??
    order.find(notPrevious) ??
    (order[0] as number);
  const line = variants[index] as (typeof variants)[number];
  const reply = fillSlots(say(line, lang, toSimplified), slots) as string;
  return {
    state: {
      ...state,
      vars,
      turn,
      ended,
      last: { situation, index },
      made: madeAfter(made, moves),
      said: [...said, `${situation}:${index}`],
    },
    reply,
    situation,
    replyKind: line.kind ?? "other",
    effects,
    ...(hint ? { hint } : {}),
  };
}

/**
 * What the reply answers and the kind of line it must be. When the call model says the turn asks something, the
 * reply answers it: with the lines of a question move read in the turn, else the card's answers to a question
 * (`call.answerWith`). When the turn puts something to the person, the reply takes it up or counters it: with the
 * lines of an offer move read, else of any move read that has such lines, else the card's `proposal` lines. Otherwise
 * (or with no call) the reply answers an offer move first, then a question move (`answerFirst`), then the move that
 * moved the meters most, or the mood.
 */
function replySituation(
  persona: Persona,
  moves: readonly ReadMove[],
  strongest: string | undefined,
  vars: Record<string, number>,
  pushed: number,
  settings: Pick<RoleplaySettings, "answerFirst" | "mood" | "call">,
  call: Call | undefined,
): { situation: string; wanted: LineKind | undefined } {
  const has = (situation: string, kind?: LineKind) =>
    (persona.replies[situation] ?? []).some((line) => kind === undefined || line.kind === kind);
  const first = settings.answerFirst.flatMap((kinds) => moves.filter(({ move }) => kinds.includes(move)));
  if (call === "answer" || call === "decide") {
    const ordered = [...first.map(({ move }) => move as string), ...(strongest ? [strongest] : [])];
    ordered.push(...moves.map(({ move }) => move as string));
    const wanted = call === "answer" ? "answer" : decision(vars, pushed, settings);
    const fallback =
      call === "answer" ? settings.call.answerWith.find((situation) => has(situation, "answer")) : "proposal";
    const situation = ordered.find((move) => has(move, wanted)) ?? fallback;
    if (situation && has(situation)) return { situation, wanted };
  }
  const replyTo = first.map(({ move }) => move as string).find((move) => has(move)) ?? strongest;
  const situation = replyTo && has(replyTo) ? replyTo : mood(vars, settings.mood);
  return { situation, wanted: wantedKind(situation, vars, pushed, settings) };
}

/**
 * Whether a proposal is taken up: by the person's mood (`mood.acceptAtLeast`), or (`call.acceptBy` "turn") by
 * whether this turn's moves lifted the meters, the mood deciding only when they did not move them.
 */
function decision(
  vars: Record<string, number>,
  pushed: number,
  settings: Pick<RoleplaySettings, "mood" | "call">,
): "accept" | "counter" {
  if (settings.call.acceptBy === "turn" && pushed !== 0) return pushed > 0 ? "accept" : "counter";
  const values = Object.values(vars);
  const average = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return average >= settings.mood.acceptAtLeast ? "accept" : "counter";
}

/** The kind of line a situation calls for (see `takeTurn`), or none. */
function wantedKind(
  situation: string,
  vars: Record<string, number>,
  pushed: number,
  settings: Pick<RoleplaySettings, "answerFirst" | "mood" | "call">,
): LineKind | undefined {
  const [offers = [], questions = []] = settings.answerFirst;
  if (questions.includes(situation)) return "answer";
  if (!offers.includes(situation) && situation !== "proposal") return undefined;
  return decision(vars, pushed, settings);
}

/**
 * A move's effect on the meters: the card's state-dependent row when the session has already seen every move it
 * waits for (the last such row wins), else the card's usual row.
 */
export function effectOf(persona: Persona, move: string, made: readonly string[]): Record<string, number> {
  const condition = persona.conditions.findLast(
    (candidate) => candidate.move === move && candidate.after.every((earlier) => made.includes(earlier)),
  );
  return condition?.effect ?? persona.effects[move] ?? {};
}

function madeAfter(made: readonly string[], moves: readonly ReadMove[]): string[] {
  return [...new Set([...made, ...moves.map(({ move }) => move as string)])];
}

/** With nothing recognised, the reply follows the mood: closed up, opening up, or neutral. */
function mood(vars: Record<string, number>, thresholds: RoleplaySettings["mood"]): string {
  const values = Object.values(vars);
  const average = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  if (average <= thresholds.closingUpAtMost) return "closing-up";
  if (average >= thresholds.openingUpAtLeast) return "opening-up";
  return "neutral";
}

function clamp(value: number, range: RoleplaySettings["meters"]): number {
  return Math.max(range.min, Math.min(range.max, value));
}
