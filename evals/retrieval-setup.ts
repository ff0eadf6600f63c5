import * as lancedb from "@lancedb/lancedb";
import { CorpusIndex } from "../src/corpus/corpus-index.js";
import type { Corpus } from "../src/corpus/types.js";
import { toTraditional } from "../src/lib/script.js";
import { createRetriever, openMemoryStore } from "../src/retrieval/create-retriever.js";
import { readLexiconFiles } from "../src/retrieval/lexicon-files.js";
import type { RetrievalSettings } from "../src/retrieval/retriever.js";
import { LanceStore } from "../src/retrieval/stores/lancedb.js";
import type { Search } from "./suites/retrieval.js";
import { temporaryFolder } from "./temporary-folder.js";

/** Both stores over one corpus and lexicon, LanceDB in a fresh temporary folder. */
export async function retrieversFor(corpus: Corpus, corpusDir: string, settings?: RetrievalSettings) {
  const index = new CorpusIndex(corpus);
  const common = {
    corpus: index,
    lexicon: await readLexiconFiles(corpusDir),
    toTraditional,
    ...(settings ? { settings } : {}),
  };
  const uri = temporaryFolder("coach-eval-");
  return {
    lancedb: await createRetriever({ ...common, openStore: (request) => LanceStore.open({ uri, ...request }) }),
    memory: await createRetriever({ ...common, openStore: openMemoryStore }),
  };
}

/** The baseline: LanceDB full-text search (ngram 2–2) on the raw seed spans, queried with the text as typed. */
export async function baselineSearch(corpus: Corpus): Promise<Search> {
  const db = await lancedb.connect(temporaryFolder("coach-baseline-"));
  const table = await db.createTable(
    "raw",
    corpus.chunks.map((chunk) => ({ id: chunk.id, raw: chunk.raw })),
  );
  await table.createIndex("raw", {
    config: lancedb.Index.fts({
      baseTokenizer: "ngram",
      ngramMinLength: 2,
      ngramMaxLength: 2,
      prefixOnly: false,
      withPosition: true,
    }),
  });
  return async (query) => {
    // _score named explicitly: LanceDB adds it anyway today, and warns on every query that it will stop.
    const rows = await table
      .query()
      .fullTextSearch(query, { columns: "raw" })
      .select(["id", "_score"])
      .limit(10)
      .toArray();
    return { ids: rows.map((row: { id: string }) => row.id), abstained: false, confidence: 0 };
  };
}
