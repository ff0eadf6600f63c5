import type { Chunk } from "../corpus/types.js";
import { Bm25Index } from "./bm25.js";
import { englishTokens, windowBigrams } from "./tokenize.js";
import type { Ranked } from "./types.js";

/**
 * The two keyword rankers every store shares: BM25 over the Chinese text in two-character windows, and
 * BM25 over the English rendering. Both stores use this one implementation rather than LanceDB's
 * full-text search, because LanceDB 0.31's multi-term FTS scores every query term with the rarest term's
 * IDF and its WAND pruning then drops documents that belong in the top k (which ones depends on the
 * limit). Measured in docs/retrieval.md. A hundred chunks index in a few milliseconds at startup.
 */
export class KeywordIndex {
  private readonly chinese: Bm25Index;
  private readonly english: Bm25Index;

  constructor(chunks: readonly Chunk[]) {
    const ids = chunks.map((chunk) => chunk.id);
    this.chinese = new Bm25Index(
      ids,
      chunks.map((chunk) => windowBigrams(chunk.text)),
    );
    this.english = new Bm25Index(
      ids,
      chunks.map((chunk) => englishTokens(chunk.en)),
    );
  }

  searchChinese(query: string, limit: number): Ranked[] {
    return this.chinese.search(windowBigrams(query), limit);
  }

  searchEnglish(query: string, limit: number): Ranked[] {
    return this.english.search(englishTokens(query), limit);
  }
}
