import type { Mode } from "../../src/coach/roleplay/persona.js";
import type { ReadMove } from "../../src/coach/roleplay/read-turn.js";
import type { TurnRecord } from "../roleplay/check-set.js";
import { moveF1, scoreMoves } from "../roleplay/move-metrics.js";
import { atLeast, info, type Metric, type SuiteResult } from "../types.js";

export interface BlindTurnSet {
  name: string;
  /** Written in a style no training writer had (style shift). */
  outOfStyle: boolean;
  turns: TurnRecord[];
}

/**
 * Role-play turn reading on the blind turn sets (evals/roleplay/blind/, written by writers who saw only the guide
 * docs/roleplay-labelling-guide.md and a brief): turn-level macro-F1 over the moves, overall, per language, in and
 * out of style; per-move F1 in the notes. The move model never trains on these (evals/roleplay-training.ts).
 */
export function movesSuite(read: (text: string, mode: Mode) => ReadMove[], sets: readonly BlindTurnSet[]): SuiteResult {
  const all = sets.flatMap((set) => set.turns.map((turn) => ({ turn, outOfStyle: set.outOfStyle })));
  const predicted = all.map(({ turn }) => read(turn.text, turn.mode).map((move) => move.move as string));
  const subset = (keep: (turn: TurnRecord, outOfStyle: boolean) => boolean) => {
    const at = all.flatMap((entry, index) => (keep(entry.turn, entry.outOfStyle) ? [index] : []));
    return scoreMoves(
      at.map((index) => (all[index] as (typeof all)[number]).turn),
      at.map((index) => predicted[index] as string[]),
    );
  };
  const overall = subset(() => true);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const metrics: Metric[] = [
    info("blind turns", overall.turns),
    atLeast("move macro-F1", round(overall.macroF1), 0.85),
    info("turns with exactly the right moves", round(overall.exact)),
    info("move precision (micro)", round(overall.precision)),
    info("move recall (micro)", round(overall.recall)),
    info("macro-F1 in style", round(subset((_, outOfStyle) => !outOfStyle).macroF1)),
    info("macro-F1 out of style", round(subset((_, outOfStyle) => outOfStyle).macroF1)),
  ];
  for (const lang of ["zh-Hant", "zh-Hans", "en"] as const) {
    const scores = subset((turn) => turn.lang === lang);
    if (scores.turns > 0) metrics.push(atLeast(`move macro-F1 ${lang}`, round(scores.macroF1), 0.8));
  }
  const notes = [...overall.perMove]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, counts]) => `${key}: F1 ${moveF1(counts).toFixed(2)} (${counts.tp + counts.fn} in the blind sets)`);
  return { suite: "moves", metrics, notes };
}
