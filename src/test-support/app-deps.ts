import { fileURLToPath } from "node:url";
import type { AppDeps } from "../app.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../corpus/ingest.js";
import { toTraditional } from "../lib/script.js";
import { createRetriever, openMemoryStore } from "../retrieval/create-retriever.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The app's real dependencies over the shipped corpus, with the in-memory store (no files written). */
export async function realAppDeps(overrides: Partial<AppDeps> = {}): Promise<AppDeps> {
  const paths = defaultPaths(root);
  const { corpus } = await buildFromFiles(paths);
  const index = new CorpusIndex(corpus);
  const retriever = await createRetriever({
    corpus: index,
    lexicon: await readLexiconFiles(paths.corpusDir),
    toTraditional,
    openStore: openMemoryStore,
  });
  return {
    corpus: index,
    retriever,
    mode: "offline",
    version: "test",
    maxBodyBytes: 65_536,
    logError: (error) => console.error(error),
    ...overrides,
  };
}
