import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readAll } from "../lib/read-all.js";
import type { LexiconFiles } from "./offline-parts.js";

/** Reads the query-side data files from a corpus folder (Node; Workers bundle them instead). */
export async function readLexiconFiles(corpusDir: string): Promise<LexiconFiles> {
  const [glossary, thesaurusTsv, outOfScopeTsv, questionsTsv, situationsTsv, dialectsTsv] = await readAll(corpusDir, [
    "glossary.json",
    "thesaurus.tsv",
    "out-of-scope.tsv",
    "questions.tsv",
    "passage-situations.tsv",
    "dialects.tsv",
  ]);
  // Read on the first scenario that needs it, not at start: most of a megabyte an idle server does not hold.
  const managerSituationsTsv = () => readFileSync(join(corpusDir, "manager-situations.tsv"), "utf8");
  return {
    glossaryJson: JSON.parse(glossary) as unknown,
    thesaurusTsv,
    outOfScopeTsv,
    questionsTsv,
    situationsTsv,
    managerSituationsTsv,
    dialectsTsv,
  };
}
