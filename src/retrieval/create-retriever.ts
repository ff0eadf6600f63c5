import type { CorpusIndex } from "../corpus/corpus-index.js";
import type { Chunk } from "../corpus/types.js";
import { type LexiconFiles, offlineRetrievalParts } from "./offline-parts.js";
import { type RetrievalSettings, Retriever } from "./retriever.js";
import { DomainScope } from "./scope.js";
import { MemoryStore } from "./stores/memory.js";
import type { Embedder, Store } from "./types.js";

/** What a store needs to open (or build) its index: the chunks, the index key, and the vectors on demand. */
export interface StoreRequest {
  chunks: readonly Chunk[];
  indexKey: string;
  embed: () => Promise<Float32Array[]>;
}

export interface CreateRetrieverOptions {
  corpus: CorpusIndex;
  lexicon: LexiconFiles;
  toTraditional: (text: string) => string;
  openStore: (request: StoreRequest) => Promise<Store>;
  /** A provider embedder for the vector column; the offline one when absent. */
  embedder?: Embedder;
  settings?: RetrievalSettings;
}

/** Builds the retrieval stack for any runtime; the runtime only says how to open its store. */
export async function createRetriever(options: CreateRetrieverOptions): Promise<Retriever> {
  const parts = offlineRetrievalParts(options.corpus, options.lexicon, options.toTraditional);
  const chunks = options.corpus.chunks;
  const embedder = options.embedder ?? parts.embedder;
  // Vectors only when the store builds its index: a LanceDB table already built for this key has them.
  const store = await options.openStore({
    chunks,
    indexKey: embedder.id,
    embed: () => embedder.embedDocuments(chunks),
  });
  return new Retriever({
    ...parts,
    embedder,
    store,
    scope: new DomainScope(chunks, parts.questionRanker.texts),
    corpus: options.corpus,
    ...(options.settings ? { settings: options.settings } : {}),
  });
}

/** The in-memory store, for Workers and for tests. */
export async function openMemoryStore(request: StoreRequest): Promise<Store> {
  return new MemoryStore(request.chunks, await request.embed());
}
