import { z } from "zod";

export const MANAGER_MOVES = [
  "empathy",
  "open-question",
  "listening-back",
  "praise",
  "harsh-criticism",
  "handbook-criticism",
  "give-responsibility",
  "goal-planning",
  "threat",
  "support-offer",
] as const;
export const CUSTOMER_MOVES = [
  "F",
  "A",
  "B",
  "E",
  "needs-question",
  "casual-promise",
  "arguing",
  "ask-order",
  "empathy",
  "yes-but",
] as const;
export type Move = (typeof MANAGER_MOVES)[number] | (typeof CUSTOMER_MOVES)[number];
export type Mode = "manager-rep" | "rep-customer";

const Text = z.object({ "zh-Hant": z.string().min(1), en: z.string().min(1) });
const Advice = Text.extend({ move: z.string(), basis: z.array(z.string()).min(1) });

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
  opening: z.array(Text).min(1),
  replies: z.record(z.string(), z.array(Text).min(1)),
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
  for (const situation of ["neutral", "closing-up", "opening-up"])
    if (!persona.replies[situation]?.length) problems.push(`no replies for ${situation}`);
  for (const [move, effect] of Object.entries(persona.effects)) {
    for (const variable of Object.keys(effect))
      if (!variables.includes(variable)) problems.push(`effects.${move}: unknown ${variable}`);
  }
  for (const id of [
    ...persona.basis,
    ...persona.works.flatMap((w) => w.basis),
    ...persona.fails.flatMap((f) => f.basis),
  ]) {
    if (!chunkExists(id)) problems.push(`unknown chunk ${id}`);
  }
  if (problems.length) throw new Error(`persona ${persona.id}: ${problems.join("; ")}`);
  return persona;
}
