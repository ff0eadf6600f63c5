import type { CorpusIndex } from "../corpus/corpus-index.js";
import { Glossary, parseGlossary } from "./glossary.js";
import { Lexicon } from "./lexicon.js";
import { OfflineEmbedder } from "./offline-embedder.js";

/** The query-side data files of corpus/, as loaded by a runtime (files on Node, bundled on Workers). */
export interface LexiconFiles {
  glossaryJson: unknown;
  thesaurusTsv: string;
  outOfScopeTsv: string;
}

/** The runtime-neutral pieces of offline retrieval, from the built corpus and the lexicon files. */
export function offlineRetrievalParts(corpus: CorpusIndex, files: LexiconFiles, toTraditional: (text: string) => string) {
  const glossary = new Glossary(parseGlossary(files.glossaryJson), toTraditional);
  const lexicon = new Lexicon(files.thesaurusTsv, files.outOfScopeTsv, toTraditional);
  const embedder = new OfflineEmbedder(glossary, corpus.chunks, corpus.corpus.version);
  return { glossary, lexicon, embedder, repairs: corpus.corpus.queryRepairs, toTraditional };
}
