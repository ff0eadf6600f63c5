import type { Chunk } from "../corpus/types.js";
import { bigrams, englishTokens } from "./tokenize.js";

/** Tokens in more than this share of the texts are function words ("怎麼", "how"): they say nothing of topic. */
const FUNCTION_WORD_SHARE = 0.03;
/** A token counts as the handbook's when at least this many texts use it (one could be a typo or a name). */
const KNOWN_AT = 2;

/**
 * How much of a query is about what the handbook covers: the share of its content tokens (Chinese
 * bigrams, English stems) that the handbook's passages and the questions they answer use. "紅燒肉怎麼做"
 * shares only function words with them; "老員工整天很消極" shares nearly everything. Bag-of-words
 * similarity cannot tell these apart (both find *some* passage), this can.
 */
export class DomainScope {
  private readonly frequency = new Map<string, number>();
  private readonly texts: number;

  constructor(chunks: readonly Chunk[], questions: readonly string[]) {
    const texts = [...chunks.map((chunk) => `${chunk.path.join(" ")} ${chunk.text} ${chunk.en}`), ...questions];
    this.texts = texts.length;
    for (const text of texts) {
      for (const token of new Set([...bigrams(text), ...englishTokens(text)])) {
        this.frequency.set(token, (this.frequency.get(token) ?? 0) + 1);
      }
    }
  }

  /** Share of the query's content tokens the handbook knows, 0–1 (0 when the query has none). */
  coverage(normalized: string): number {
    return this.share([...bigrams(normalized), ...englishTokens(normalized)], () => 1);
  }

  /**
   * The same share over English words, each weighted by its rarity (inverse document frequency), with words
   * the handbook does not know at the highest weight: the words that carry a question count most, so
   * "configure a Kubernetes ingress controller" is not in scope for knowing "best" and "way". 0–1.
   */
  weightedCoverage(normalized: string): number {
    return this.share(englishTokens(normalized), (count) => Math.log(this.texts / Math.max(1, count)));
  }

  /** Known weight over all weight of the content tokens (function words skipped); unknown ones count as 0 texts. */
  private share(tokens: readonly string[], weightOf: (count: number) => number): number {
    let total = 0;
    let known = 0;
    for (const token of new Set(tokens)) {
      const count = this.frequency.get(token) ?? 0;
      if (count / this.texts > FUNCTION_WORD_SHARE) continue;
      const isKnown = count >= KNOWN_AT;
      const weight = weightOf(isKnown ? count : 0);
      total += weight;
      if (isKnown) known += weight;
    }
    return total === 0 ? 0 : known / total;
  }
}
