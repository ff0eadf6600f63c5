import type { Ranked } from "./types.js";

/**
 * Okapi BM25 over pre-tokenised documents (k1 = 1.2, b = 0.75, the common defaults that LanceDB's
 * full-text search also uses). Built once; a search touches only the postings of the query's terms.
 */
export class Bm25Index {
  /** Per term, its documents and term frequencies interleaved (doc, tf, doc, tf …): one array, no object each. */
  private readonly postings = new Map<string, number[]>();
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(
    private readonly ids: readonly string[],
    documents: readonly string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = documents.map((tokens) => tokens.length);
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documents.length);
    documents.forEach((tokens, doc) => {
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      for (const [token, tf] of counts) {
        const list = this.postings.get(token);
        if (list) list.push(doc, tf);
        else this.postings.set(token, [doc, tf]);
      }
    });
  }

  search(queryTokens: readonly string[], limit: number): Ranked[] {
    // Scores in a typed array indexed by document, and the documents touched in a plain list: a long query (a
    // follow-up read with the turn before it) touches thousands of situation lines, where a Map and a sort of its
    // entries cost several milliseconds. The order is the same: score, then document index.
    const total = this.ids.length;
    const scores = new Float64Array(total);
    const touched: number[] = [];
    for (const token of new Set(queryTokens)) {
      const list = this.postings.get(token);
      if (!list) continue;
      const frequency = list.length / 2;
      const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
      for (let index = 0; index < list.length; index += 2) {
        const doc = list[index] as number;
        const tf = list[index + 1] as number;
        const norm = tf + this.k1 * (1 - this.b + (this.b * (this.lengths[doc] ?? 0)) / this.averageLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] as number) + (idf * tf * (this.k1 + 1)) / norm;
      }
    }
    return touched
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
      .slice(0, limit)
      .map((doc) => ({ id: this.ids[doc] as string, score: scores[doc] as number }));
  }
}
