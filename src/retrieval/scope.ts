import type { Chunk } from "../corpus/types.js";
import type { OfflineEmbedder } from "./offline-embedder.js";
import { cosine } from "./stores/memory.js";
import type { QueryText } from "./types.js";

/**
 * Decides whether the handbook covers a query: the best cosine between the query and any passage under
 * the offline embedder. Always the offline embedder — whatever ranks the passages — so the threshold
 * calibrated on the eval holds when a provider embedder is configured.
 */
export class OfflineScope {
  private constructor(
    private readonly embedder: OfflineEmbedder,
    private readonly vectors: Float32Array[],
  ) {}

  static async create(embedder: OfflineEmbedder, chunks: readonly Chunk[], vectors?: Float32Array[]): Promise<OfflineScope> {
    return new OfflineScope(embedder, vectors ?? (await embedder.embedDocuments(chunks)));
  }

  async confidence(query: QueryText): Promise<number> {
    const vector = await this.embedder.embedQuery(query);
    let best = 0;
    for (const candidate of this.vectors) best = Math.max(best, cosine(vector, candidate));
    return best;
  }
}
