import type { Chunk } from "../corpus/types.js";

/** A ranked hit from one search: the chunk id and the ranker's own score (higher is better). */
export interface Ranked {
  id: string;
  score: number;
}

/**
 * Where chunks are indexed. Each store offers the same three rankers, so the fusion, the thresholds and
 * the eval are shared: LanceDB on Node, an in-memory index on Workers.
 */
export interface Store {
  readonly name: string;
  /** BM25 over the Traditional Chinese text, tokenised into character bigrams. */
  searchChinese(query: string, limit: number): Promise<Ranked[]>;
  /** BM25 over the English rendering. */
  searchEnglish(query: string, limit: number): Promise<Ranked[]>;
  /** Cosine nearest neighbours over the embedder's vectors; score is the cosine similarity. */
  searchVector(vector: Float32Array, limit: number): Promise<Ranked[]>;
}

/** Turns text into vectors. The id names the model and its settings: an index is keyed by it. */
export interface Embedder {
  readonly id: string;
  embedDocuments(chunks: readonly Chunk[]): Promise<Float32Array[]>;
  embedQuery(query: QueryText): Promise<Float32Array>;
}

/** What the embedder sees of a normalised query. */
export interface QueryText {
  /** The query's Chinese, in Traditional script, plus the handbook terms of its concepts. */
  zh: string;
  /** The query's English words, plus (for Chinese queries) the English of its concepts. */
  en: string;
  /** Glossary concept ids found in the query. */
  concepts: readonly string[];
  /** The query as typed, for embedders that read raw text. */
  original: string;
}

export type Lang = "zh-Hant" | "zh-Hans" | "en";
