import type { CorpusIndex } from "../corpus/corpus-index.js";
import { ConceptRanker } from "./concept-ranker.js";
import { Glossary, parseGlossary } from "./glossary.js";
import { Lexicon } from "./lexicon.js";
import { OfflineEmbedder } from "./offline-embedder.js";
import { parseQuestions, QuestionRanker } from "./question-ranker.js";

/** The query-side data files of corpus/, as loaded by a runtime (files on Node, bundled on Workers). */
export interface LexiconFiles {
  glossaryJson: unknown;
  thesaurusTsv: string;
  outOfScopeTsv: string;
  questionsTsv: string;
}

/** The runtime-neutral pieces of offline retrieval, from the built corpus and the lexicon files. */
export function offlineRetrievalParts(
  corpus: CorpusIndex,
  files: LexiconFiles,
  toTraditional: (text: string) => string,
) {
  const glossary = new Glossary(parseGlossary(files.glossaryJson), toTraditional);
  const lexicon = new Lexicon(files.thesaurusTsv, files.outOfScopeTsv, toTraditional);
  const embedder = new OfflineEmbedder(glossary, corpus.chunks, corpus.corpus.version);
  const conceptRanker = new ConceptRanker(glossary, corpus.chunks, toTraditional);
  const questionRanker = new QuestionRanker(parseQuestions(files.questionsTsv), corpus.chunks, toTraditional);
  return {
    glossary,
    lexicon,
    embedder,
    conceptRanker,
    questionRanker,
    repairs: corpus.corpus.queryRepairs,
    toTraditional,
  };
}
