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
  /** corpus/passage-situations.tsv: what each passage answers (advice re-ranks by it). */
  situationsTsv: string;
  /**
   * corpus/manager-situations.tsv: situations in which a manager needs each passage, in managers' own words, by
   * independent writers (questions.tsv's format).
   */
  managerSituationsTsv: string | (() => string);
  /** corpus/dialects.tsv: regional written forms (Cantonese, Wu, Northeastern …) and their standard written Chinese. */
  dialectsTsv: string;
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
    // Regional speech is read as standard Chinese the way a pasted spun word is read as the handbook's.
    repairs: [...corpus.corpus.queryRepairs, ...parseDialects(files.dialectsTsv)],
    toTraditional,
  };
}

/** corpus/dialects.tsv: `dialect<TAB>standard<TAB>variety`, Traditional script. */
export function parseDialects(tsv: string): Array<{ spun: string; original: string }> {
  const pairs: Array<{ spun: string; original: string }> = [];
  tsv.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith("#") || line.startsWith("dialect\t")) return;
    const [spun, original] = line.split("\t");
    if (!spun || !original)
      throw new Error(`dialects.tsv line ${index + 1}: needs a regional form and its standard form`);
    pairs.push({ spun, original });
  });
  return pairs;
}
