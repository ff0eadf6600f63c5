import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LexiconFiles } from "./offline-parts.js";

/** Reads the query-side data files from a corpus folder (Node; Workers bundle them instead). */
export async function readLexiconFiles(corpusDir: string): Promise<LexiconFiles> {
  const read = (name: string) => readFile(join(corpusDir, name), "utf8");
  const [glossary, thesaurusTsv, outOfScopeTsv, questionsTsv] = await Promise.all([
    read("glossary.json"),
    read("thesaurus.tsv"),
    read("out-of-scope.tsv"),
    read("questions.tsv"),
  ]);
  return { glossaryJson: JSON.parse(glossary) as unknown, thesaurusTsv, outOfScopeTsv, questionsTsv };
}
