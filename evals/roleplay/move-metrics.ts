import type { TurnRecord } from "./check-set.js";

export interface MoveScores {
  turns: number;
  /** Turns whose set of moves is exactly the gold set. */
  exact: number;
  /** Macro-F1 over the moves (per mode) that occur in the gold labels. */
  macroF1: number;
  /** Micro precision and recall over every move of every turn. */
  precision: number;
  recall: number;
  /** Per `mode move`: true positives, false positives, false negatives. */
  perMove: Map<string, { tp: number; fp: number; fn: number }>;
}

/**
 * Turn-level scores of a move reader against the writers' labels: a move counts once per turn, wherever in the
 * turn it is read (the guide labels each move once per turn).
 */
export function scoreMoves(turns: readonly TurnRecord[], predicted: ReadonlyArray<readonly string[]>): MoveScores {
  const perMove = new Map<string, { tp: number; fp: number; fn: number }>();
  const cell = (key: string) => {
    if (!perMove.has(key)) perMove.set(key, { tp: 0, fp: 0, fn: 0 });
    return perMove.get(key) as { tp: number; fp: number; fn: number };
  };
  let exact = 0;
  turns.forEach((turn, index) => {
    const gold = new Set(turn.moves.map((move) => move.move));
    const got = new Set(predicted[index]);
    if (gold.size === got.size && [...gold].every((move) => got.has(move))) exact++;
    for (const move of gold) {
      if (got.has(move)) cell(`${turn.mode} ${move}`).tp++;
      else cell(`${turn.mode} ${move}`).fn++;
    }
    for (const move of got) if (!gold.has(move)) cell(`${turn.mode} ${move}`).fp++;
  });
  const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  const occurring = [...perMove.values()].filter((counts) => counts.tp + counts.fn > 0);
  const sum = (key: "tp" | "fp" | "fn") => [...perMove.values()].reduce((total, counts) => total + counts[key], 0);
  return {
    turns: turns.length,
    exact: turns.length ? exact / turns.length : 0,
    macroF1: occurring.length ? occurring.reduce((total, counts) => total + f1(counts), 0) / occurring.length : 0,
    precision: sum("tp") / Math.max(1, sum("tp") + sum("fp")),
    recall: sum("tp") / Math.max(1, sum("tp") + sum("fn")),
    perMove,
  };
}

export function moveF1(counts: { tp: number; fp: number; fn: number }): number {
  return counts.tp === 0 ? 0 : (2 * counts.tp) / (2 * counts.tp + counts.fp + counts.fn);
}
