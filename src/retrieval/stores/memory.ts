import type { Chunk } from "../../corpus/types.js";
import { KeywordIndex } from "../keyword-index.js";
import type { Ranked, Store } from "../types.js";

/**
 * The in-memory store: the same keyword rankers as the LanceDB store and an exact cosine scan, in plain
 * TypeScript, for runtimes where LanceDB's native module cannot load (Cloudflare Workers).
 */
export class MemoryStore implements Store {
  readonly name = "memory";
  private readonly keywords: KeywordIndex;
  private readonly ids: string[];

  constructor(
    chunks: readonly Chunk[],
    private readonly vectors: readonly Float32Array[],
  ) {
    if (chunks.length !== vectors.length) throw new Error("memory store: one vector per chunk");
    this.ids = chunks.map((chunk) => chunk.id);
    this.keywords = new KeywordIndex(chunks);
  }

  async searchChinese(query: string, limit: number): Promise<Ranked[]> {
    return this.keywords.searchChinese(query, limit);
  }

  async searchEnglish(query: string, limit: number): Promise<Ranked[]> {
    return this.keywords.searchEnglish(query, limit);
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
