import type { Chunk } from "../../corpus/types.js";
import { Bm25Index } from "../bm25.js";
import { englishTokens, windowBigrams } from "../tokenize.js";
import type { Ranked, Store } from "../types.js";

/**
 * The in-memory store: the same three rankers as the LanceDB store, in plain TypeScript, for runtimes
 * where LanceDB's native module cannot load (Cloudflare Workers). Built from chunks and their vectors.
 */
export class MemoryStore implements Store {
  readonly name = "memory";
  private readonly chinese: Bm25Index;
  private readonly english: Bm25Index;
  private readonly ids: string[];

  constructor(
    chunks: readonly Chunk[],
    private readonly vectors: readonly Float32Array[],
  ) {
    if (chunks.length !== vectors.length) throw new Error("memory store: one vector per chunk");
    this.ids = chunks.map((chunk) => chunk.id);
    this.chinese = new Bm25Index(this.ids, chunks.map((chunk) => windowBigrams(chunk.text)));
    this.english = new Bm25Index(this.ids, chunks.map((chunk) => englishTokens(chunk.en)));
  }

  async searchChinese(query: string, limit: number): Promise<Ranked[]> {
    return this.chinese.search(windowBigrams(query), limit);
  }

  async searchEnglish(query: string, limit: number): Promise<Ranked[]> {
    return this.english.search(englishTokens(query), limit);
  }

  async searchVector(vector: Float32Array, limit: number): Promise<Ranked[]> {
    return this.vectors
      .map((candidate, index) => ({ id: this.ids[index] as string, score: cosine(vector, candidate) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
