import type { Chunk } from "../corpus/types.js";
import type { Glossary } from "./glossary.js";
import { bigrams, englishTokens } from "./tokenize.js";
import type { Embedder, QueryText } from "./types.js";

/** Sizes of the hashed blocks; the concept block has one dimension per glossary concept. */
const CHINESE_DIMENSIONS = 512;
const ENGLISH_DIMENSIONS = 256;
/** How much each block counts in the cosine: concepts carry paraphrases, so they weigh most. */
const WEIGHTS = { concepts: 0.6, chinese: 0.3, english: 0.25 };

/**
 * A deterministic embedder that needs no model: three L2-normalised blocks, weighted and joined —
 *  1. one dimension per glossary concept (tf-idf of the concepts a text names),
 *  2. hashed Chinese character bigrams (tf-idf),
 *  3. hashed stemmed English words (tf-idf).
 * The document frequencies come from the corpus it is built on, so the same corpus and glossary
 * always give the same vectors; the id changes when either changes, which re-keys the index.
 */
export class OfflineEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly conceptIndex: Map<string, number>;
  private readonly conceptIdf: Float32Array;
  private readonly bigramIdf = new Map<string, number>();
  private readonly wordIdf = new Map<string, number>();
  private readonly documents: number;

  constructor(
    private readonly glossary: Glossary,
    chunks: readonly Chunk[],
    corpusVersion: string,
  ) {
    this.conceptIndex = new Map(glossary.concepts.map((concept, index) => [concept.id, index]));
    this.dimensions = glossary.size + CHINESE_DIMENSIONS + ENGLISH_DIMENSIONS;
    this.documents = chunks.length;
    const conceptCounts = new Float32Array(glossary.size);
    for (const chunk of chunks) {
      for (const id of this.chunkConcepts(chunk)) conceptCounts[this.conceptIndex.get(id) as number]! += 1;
      countOnce(bigrams(chunkChinese(chunk)), this.bigramIdf);
      countOnce(englishTokens(chunk.en), this.wordIdf);
    }
    this.conceptIdf = conceptCounts.map((count) => idf(this.documents, count));
    for (const map of [this.bigramIdf, this.wordIdf]) {
      for (const [token, count] of map) map.set(token, idf(this.documents, count));
    }
    this.id = `offline-v1-${fnv1a(JSON.stringify(glossary.concepts)).toString(36)}-${corpusVersion}`;
  }

  async embedDocuments(chunks: readonly Chunk[]): Promise<Float32Array[]> {
    return chunks.map((chunk) =>
      this.compose(this.chunkConcepts(chunk), bigrams(chunkChinese(chunk)), englishTokens(chunk.en)),
    );
  }

  async embedQuery(query: QueryText): Promise<Float32Array> {
    return this.compose(query.concepts, bigrams(query.zh), englishTokens(query.en));
  }

  /** The concepts a chunk names in its title path or text (handbook and colloquial forms). */
  chunkConcepts(chunk: Chunk): string[] {
    return this.glossary.matchChinese(chunkChinese(chunk)).map((match) => match.id);
  }

  private compose(concepts: readonly string[], chineseTokens: string[], englishWords: string[]): Float32Array {
    const vector = new Float32Array(this.dimensions);
    const conceptBlock = vector.subarray(0, this.glossary.size);
    for (const id of concepts) {
      const index = this.conceptIndex.get(id);
      if (index !== undefined) conceptBlock[index] = this.conceptIdf[index] ?? 0;
    }
    const chineseBlock = vector.subarray(this.glossary.size, this.glossary.size + CHINESE_DIMENSIONS);
    hashInto(chineseBlock, chineseTokens, this.bigramIdf);
    const englishBlock = vector.subarray(this.glossary.size + CHINESE_DIMENSIONS);
    hashInto(englishBlock, englishWords, this.wordIdf);
    normalise(conceptBlock, WEIGHTS.concepts);
    normalise(chineseBlock, WEIGHTS.chinese);
    normalise(englishBlock, WEIGHTS.english);
    normalise(vector, 1);
    return vector;
  }
}

function chunkChinese(chunk: Chunk): string {
  return `${chunk.path.join(" ")} ${chunk.text}`;
}

function countOnce(tokens: string[], counts: Map<string, number>): void {
  for (const token of new Set(tokens)) counts.set(token, (counts.get(token) ?? 0) + 1);
}

function idf(documents: number, frequency: number): number {
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}

/**
 * Sublinear tf × idf, hashed into the block (FNV-1a). Tokens the corpus never uses are left out: they
 * cannot match a passage, and would only shift the balance between the blocks.
 */
function hashInto(block: Float32Array, tokens: string[], idfs: Map<string, number>): void {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  for (const [token, count] of counts) {
    const tokenIdf = idfs.get(token);
    if (tokenIdf === undefined) continue;
    const weight = (1 + Math.log(count)) * tokenIdf;
    const slot = fnv1a(token) % block.length;
    block[slot] = (block[slot] ?? 0) + weight;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function normalise(block: Float32Array, length: number): void {
  let sum = 0;
  for (const value of block) sum += value * value;
  if (sum === 0) return;
  const scale = length / Math.sqrt(sum);
  for (let i = 0; i < block.length; i++) block[i] = (block[i] as number) * scale;
}
