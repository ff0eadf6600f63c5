import { readAll } from "../lib/read-all.js";
import type { LexiconFiles } from "./offline-parts.js";

/** Reads the query-side data files from a corpus folder (Node; Workers bundle them instead). */
export async function readLexiconFiles(corpusDir: string): Promise<LexiconFiles> {
  const [glossary, thesaurusTsv, outOfScopeTsv, questionsTsv, situationsTsv, managerSituationsTsv, cantoneseTsv] =
    await readAll(corpusDir, [
      "glossary.json",
      "thesaurus.tsv",
      "out-of-scope.tsv",
      "questions.tsv",
      "passage-situations.tsv",
      "manager-situations.tsv",
      "cantonese.tsv",
    ]);
  return {
    glossaryJson: JSON.parse(glossary) as unknown,
    thesaurusTsv,
    outOfScopeTsv,
    questionsTsv,
    situationsTsv,
    managerSituationsTsv,
    cantoneseTsv,
  };
}
