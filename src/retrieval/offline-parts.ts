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
  /** corpus/cantonese.tsv: written Cantonese forms and their standard written Chinese. */
  cantoneseTsv: string;
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
    // Written Cantonese is read as standard Chinese the way a pasted spun word is read as the handbook's.
    repairs: [...corpus.corpus.queryRepairs, ...parseCantonese(files.cantoneseTsv)],
    toTraditional,
  };
}

/** corpus/cantonese.tsv: `cantonese<TAB>standard`, Traditional script. */
export function parseCantonese(tsv: string): Array<{ spun: string; original: string }> {
  const pairs: Array<{ spun: string; original: string }> = [];
  tsv.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith("#") || line.startsWith("cantonese\t")) return;
    const [spun, original] = line.split("\t");
    if (!spun || !original)
      throw new Error(`cantonese.tsv line ${index + 1}: needs a Cantonese form and its standard form`);
    pairs.push({ spun, original });
  });
  return pairs;
}
