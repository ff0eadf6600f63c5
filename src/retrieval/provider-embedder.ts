import type OpenAI from "openai";
import type { Chunk } from "../corpus/types.js";
import type { Embedder, QueryText } from "./types.js";

const BATCH = 64;

/**
 * Embeddings from any OpenAI-compatible `/v1/embeddings` (COACH_EMBED_MODEL). A chunk is embedded with
 * its title path, Chinese text and English rendering, so one vector serves queries in all three languages.
 */
export class ProviderEmbedder implements Embedder {
  readonly id: string;

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    corpusVersion: string,
  ) {
    this.id = `provider-${model}-${corpusVersion}`;
  }

  async embedDocuments(chunks: readonly Chunk[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let i = 0; i < chunks.length; i += BATCH) {
      const batch = chunks.slice(i, i + BATCH).map((chunk) => `${chunk.path.join(" / ")}\n${chunk.text}\n${chunk.en}`);
      vectors.push(...(await this.embed(batch)));
    }
    return vectors;
  }

  async embedQuery(query: QueryText): Promise<Float32Array> {
    const [vector] = await this.embed([query.original]);
    if (!vector) throw new Error("the embeddings provider returned no vector");
    return vector;
  }

  private async embed(input: string[]): Promise<Float32Array[]> {
    const response = await this.client.embeddings.create({ model: this.model, input });
    return [...response.data].sort((a, b) => a.index - b.index).map((item) => Float32Array.from(item.embedding));
  }
}
