import type { Lang } from "../../retrieval/types.js";
import type { Persona } from "./persona.js";
import type { ReadMove } from "./read-turn.js";
import type { RoleplaySettings } from "./roleplay-settings.js";
import { fillSlots, type Slots, slotsIn } from "./slots.js";

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
  settings: Pick<RoleplaySettings, "mood" | "replyStride" | "endFromTurn" | "answerFirst" | "meters">,
  /** The user's own words a line can repeat (slots.ts): a line with `{time}` or `{number}` needs them. */
  slots: Slots = {},
): TurnOutcome {
  const vars = { ...state.vars };
  let strongest: { move: string; weight: number } | undefined;
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
  // The reply answers what the user asked for first: an offer (a task, a target, help, a time, the order) gets a
  // response to that offer, a question an answer; otherwise the move that moved the meters most, or the mood.
  const replyTo =
    settings.answerFirst
      .flatMap((kind) => moves.filter(({ move }) => kind.includes(move)))
      .map(({ move }) => move as string)
      .find((move) => persona.replies[move]?.length) ?? strongest?.move;
  const situation = replyTo && persona.replies[replyTo]?.length ? replyTo : mood(vars, settings.mood);
  const variants = persona.replies[situation] ?? persona.replies.neutral ?? [];
  // The kind of line the situation calls for: a question an answer; an offer taken up while the person is well
  // disposed (the meters' average at `mood.acceptAtLeast` or more), countered otherwise. Lines of that kind are
  // chosen first; a card without such lines answers with any. (Taking it up only when the offer's own effect lifts
  // the meters was tried and read no better: docs/roleplay.md.)
  const wanted = wantedKind(situation, vars, settings);
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

/** The kind of line a situation calls for (see `takeTurn`), or none. */
function wantedKind(
  situation: string,
  vars: Record<string, number>,
  settings: Pick<RoleplaySettings, "answerFirst" | "mood">,
): "answer" | "accept" | "counter" | undefined {
  const [offers = [], questions = []] = settings.answerFirst;
  if (questions.includes(situation)) return "answer";
  if (!offers.includes(situation)) return undefined;
  const values = Object.values(vars);
  const average = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return average >= settings.mood.acceptAtLeast ? "accept" : "counter";
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
