import type { Ranked } from "./types.js";

/** A ranked list and how much it counts in the fusion. */
export interface WeightedList {
  name: string;
  weight: number;
  results: readonly Ranked[];
}

/**
 * Reciprocal-rank fusion: each list adds weight / (k + rank) to the chunks it ranks. Ranks, not scores,
 * so BM25 and cosine need no common scale. k = 60 is the value from the original paper (Cormack et al. 2009).
 */
export function reciprocalRankFusion(lists: readonly WeightedList[], k = 60): Ranked[] {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.results.forEach((result, index) => {
      scores.set(result.id, (scores.get(result.id) ?? 0) + list.weight / (k + index + 1));
    });
  }
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
