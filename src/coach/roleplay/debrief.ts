import { z } from "zod";
import type { CorpusIndex } from "../../corpus/corpus-index.js";
import type { Lang } from "../../retrieval/types.js";
import { fill } from "../advice/data.js";
import type { Mode, Persona } from "./persona.js";
import type { ReadMove } from "./read-turn.js";
import { say } from "./simulate.js";

const Localised = z.object({ "zh-Hant": z.string(), "zh-Hans": z.string(), en: z.string() });
const Criterion = z.object({
  id: z.string(),
  kind: z.enum(["before", "some", "none", "persona-works", "persona-fails", "fabe"]),
  moves: z.array(z.string()).default([]),
  unless: z.array(z.string()).default([]),
  basis: z.array(z.string()),
  label: Localised,
  advice: Localised,
});
export const DebriefDataSchema = z.object({
  "manager-rep": z.array(Criterion),
  "rep-customer": z.array(Criterion),
  /** The closing line: {met} of {total} criteria, {outcome} from `outcomes`. */
  summary: Localised,
  /** How the session ended, in words: the card's success or breakdown, the turn cap, or not yet. */
  outcomes: z.object({ success: Localised, breakdown: Localised, "turn-cap": Localised, open: Localised }),
});
export type DebriefData = z.infer<typeof DebriefDataSchema>;

export interface CriterionResult {
  /** Stable id from prompts/roleplay-debrief.json. */
  id: string;
  name: string;
  met: boolean;
  /** The user's words that met or broke the criterion ("" when nothing in the transcript applies). */
  quote: string;
  advice: string;
  citations: string[];
}

export interface Debrief {
  score: number;
  criteria: CriterionResult[];
  summary: string;
}

/**
 * Scores a transcript against the handbook's criteria for its mode and persona: each criterion met or not,
 * with the user's own words, the advice and the passages it rests on. Score = share of criteria met.
 */
export function debrief(
  turns: ReadonlyArray<{ moves: ReadMove[] }>,
  persona: Persona,
  ended: string | null,
  lang: Lang,
  data: DebriefData,
  corpus: CorpusIndex,
  toSimplified: (text: string) => string,
): Debrief {
  const moves = turns.flatMap((turn) => turn.moves);
  const firstIndex = (names: readonly string[]) => moves.findIndex((move) => names.includes(move.move));
  const quoteOf = (names: readonly string[]) => moves.find((move) => names.includes(move.move))?.quote ?? "";
  const cite = (sectionIds: readonly string[]) =>
    sectionIds.flatMap((id) => corpus.sections.find((section) => section.id === id)?.chunkIds.slice(0, 1) ?? []);
  const criteria = data[persona.mode as Mode].map((criterion): CriterionResult => {
    const base = {
      id: criterion.id,
      name: criterion.label[lang],
      advice: criterion.advice[lang],
      citations: cite(criterion.basis),
    };
    switch (criterion.kind) {
      case "before": {
        const good = firstIndex(criterion.moves);
        const bad = firstIndex(criterion.unless);
        return {
          ...base,
          met: good >= 0 && (bad < 0 || good < bad),
          quote: good >= 0 ? (moves[good]?.quote ?? "") : quoteOf(criterion.unless),
        };
      }
      case "some":
        return { ...base, met: firstIndex(criterion.moves) >= 0, quote: quoteOf(criterion.moves) };
      case "none":
        return { ...base, met: firstIndex(criterion.moves) < 0, quote: quoteOf(criterion.moves) };
      case "fabe": {
        const said = ["F", "A", "B", "E"].filter((label) => firstIndex([label]) >= 0);
        const quote = ["B", "E", "A", "F"].map((label) => quoteOf([label])).find(Boolean) ?? "";
        return { ...base, met: said.length === 4, quote };
      }
      case "persona-works": {
        const names = persona.works.map((entry) => entry.move);
        const used = persona.works.find((entry) => firstIndex([entry.move]) >= 0);
        const advice = used
          ? base.advice
          : `${base.advice} ${persona.works.map((entry) => say(entry, lang, toSimplified)).join(" ")}`;
        return {
          ...base,
          advice,
          met: firstIndex(names) >= 0,
          quote: quoteOf(names),
          citations: [...new Set(persona.works.flatMap((entry) => entry.basis))],
        };
      }
      case "persona-fails": {
        const names = persona.fails.map((entry) => entry.move);
        const used = persona.fails.find((entry) => firstIndex([entry.move]) >= 0);
        const advice = used ? `${base.advice} ${say(used, lang, toSimplified)}` : base.advice;
        return {
          ...base,
          advice,
          met: firstIndex(names) < 0,
          quote: quoteOf(names),
          citations: [...new Set(persona.fails.flatMap((entry) => entry.basis))],
        };
      }
    }
    const unknownKind: never = criterion.kind;
    throw new Error(`unknown criterion kind ${String(unknownKind)}`);
  });
  const met = criteria.filter((criterion) => criterion.met).length;
  const outcome = ended ?? "open";
  const outcomeWords = (data.outcomes as Record<string, Record<Lang, string>>)[outcome]?.[lang] ?? outcome;
  return {
    score: Math.round((100 * met) / Math.max(1, criteria.length)),
    criteria,
    summary: fill(data.summary[lang], { met: String(met), total: String(criteria.length), outcome: outcomeWords }),
  };
}
