import { z } from "zod";
import { MANAGER_TURN_MOVES, REP_TURN_MOVES, type TurnMove } from "./moves.js";
import { slotsIn } from "./slots.js";

/** Every move a card answers: the turn reader's moves (moves.ts, docs/roleplay-labelling-guide.md). */
export const MANAGER_MOVES = MANAGER_TURN_MOVES;
export const CUSTOMER_MOVES = REP_TURN_MOVES;
export type Move = TurnMove;
export type Mode = "manager-rep" | "rep-customer";

const Text = z.object({ "zh-Hant": z.string().min(1), en: z.string().min(1) });
const Advice = Text.extend({ move: z.string(), basis: z.array(z.string()).min(1) });

/**
 * The replies a card has besides one per move: the three moods a turn with no move is answered in, and `proposal`,
 * a turn that puts something to the person (a task, a time, help, a deal) that no move of it answers: its lines
 * take the proposal up or counter it (docs/roleplay-call-guide.md).
 */
export const SITUATIONS: readonly string[] = ["neutral", "closing-up", "opening-up", "proposal"];

/** prompts/personas/<id>.json (format in docs/roleplay.md). */
export const PersonaSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  mode: z.enum(["manager-rep", "rep-customer"]),
  name: Text,
  summary: Text,
  drives: Text,
  basis: z.array(z.string()).min(1),
  works: z.array(Advice).min(1),
  fails: z.array(Advice).min(1),
  state: z.record(z.string(), z.number().min(0).max(10)),
  effects: z.record(z.string(), z.record(z.string(), z.number().min(-4).max(4))),
  /**
   * The handbook passages each move's effect rests on (chunk ids): the table of docs/roleplay.md prints them. A move
   * without a row here moves the meters by general sense, and the table says so.
   */
  effectBasis: z.record(z.string(), z.array(z.string()).min(1)).default({}),
  /**
   * Effects that depend on what already happened in the session: when `move` comes after every move of `after`
   * (in earlier turns), `effect` replaces the card's usual effect for it — an excitable new hire is fired up by a
   * hurdle only once his self-image has taken a knock; an opinionated one trusts the manager's help only after he
   * was let go and hit the wall.
   */
  conditions: z
    .array(
      z.object({
        move: z.string(),
        after: z.array(z.string()).min(1),
        effect: z.record(z.string(), z.number().min(-4).max(4)),
        basis: z.array(z.string()).min(1),
        /** Why, in the card's languages: shown in the table of docs/roleplay.md. */
        en: z.string().min(1),
      }),
    )
    .default([]),
  opening: z.array(Text).min(1),
  /**
   * The persona's lines by the move they answer (or the mood), each marked with what it does: `answer` (answers a
   * question), `accept` (takes up an offer, a target, a time, a task), `counter` (another time, a condition, a
   * push-back, a refusal with a reason) or `other` (any other reaction). A line without a kind is `other`.
   */
  replies: z.record(
    z.string(),
    z.array(Text.extend({ kind: z.enum(["answer", "accept", "counter", "other"]).optional() })).min(1),
  ),
  end: z.object({
    success: Text.extend({ when: z.record(z.string(), z.number()) }),
    breakdown: Text.extend({ when: z.record(z.string(), z.number()) }),
    maxTurns: z.number().int().min(2).max(50),
  }),
});

export type Persona = z.infer<typeof PersonaSchema>;

/** Parses a card and checks what the schema cannot: moves of its mode, state variables, replies for every move. */
export function parsePersona(json: unknown, chunkExists: (id: string) => boolean): Persona {
  const persona = PersonaSchema.parse(json);
  const moves: readonly string[] = persona.mode === "manager-rep" ? MANAGER_MOVES : CUSTOMER_MOVES;
  const variables = Object.keys(persona.state);
  const problems: string[] = [];
  for (const move of moves) {
    if (!persona.effects[move]) problems.push(`no effects for ${move}`);
    if (!persona.replies[move]?.length) problems.push(`no replies for ${move}`);
  }
  for (const situation of SITUATIONS)
    if (!persona.replies[situation]?.length) problems.push(`no replies for ${situation}`);
  for (const [move, effect] of Object.entries(persona.effects)) {
    if (!moves.includes(move)) problems.push(`effects.${move}: not a ${persona.mode} move`);
    for (const variable of Object.keys(effect))
      if (!variables.includes(variable)) problems.push(`effects.${move}: unknown ${variable}`);
  }
  for (const move of Object.keys(persona.effectBasis))
    if (!moves.includes(move)) problems.push(`effectBasis.${move}: not a ${persona.mode} move`);
  for (const condition of persona.conditions) {
    for (const move of [condition.move, ...condition.after])
      if (!moves.includes(move)) problems.push(`conditions: ${move} is not a ${persona.mode} move`);
    for (const variable of Object.keys(condition.effect))
      if (!variables.includes(variable)) problems.push(`conditions.${condition.move}: unknown ${variable}`);
  }
  for (const move of [...persona.works, ...persona.fails].map((advice) => advice.move))
    if (!moves.includes(move)) problems.push(`works/fails: ${move} is not a ${persona.mode} move`);
  for (const [key, lines] of Object.entries(persona.replies)) {
    if (!moves.includes(key) && !SITUATIONS.includes(key))
      problems.push(`replies.${key}: not a ${persona.mode} move or mood`);
    // A line that repeats the user's words (slots.ts) is said only when the turn has them: others must be left.
    if (lines.every((line) => slotsIn(line.en).length > 0 || slotsIn(line["zh-Hant"]).length > 0))
      problems.push(`replies.${key}: every line needs a slot`);
    for (const line of lines)
      if (slotsIn(line.en).join() !== slotsIn(line["zh-Hant"]).join())
        problems.push(`replies.${key}: "${line.en}" and its Chinese need different slots`);
  }
  for (const id of [
    ...persona.basis,
    ...persona.works.flatMap((w) => w.basis),
    ...persona.fails.flatMap((f) => f.basis),
    ...Object.values(persona.effectBasis).flat(),
    ...persona.conditions.flatMap((condition) => condition.basis),
  ]) {
    if (!chunkExists(id)) problems.push(`unknown chunk ${id}`);
  }
  if (problems.length) throw new Error(`persona ${persona.id}: ${problems.join("; ")}`);
  return persona;
}
