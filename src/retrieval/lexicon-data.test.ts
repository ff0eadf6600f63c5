import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFromFiles, defaultPaths } from "../corpus/ingest.js";
import type { Corpus } from "../corpus/types.js";
import { toTraditional } from "../lib/script.js";
import { parseGlossary } from "./glossary.js";
import { isEnglish } from "./lexicon.js";
import { readLexiconFiles } from "./lexicon-files.js";
import type { LexiconFiles } from "./offline-parts.js";
import { parseQuestions, QuestionRanker } from "./question-ranker.js";
import { DomainScope } from "./scope.js";

const paths = defaultPaths(fileURLToPath(new URL("../..", import.meta.url)), { playbooks: false });
let corpus: Corpus;
let files: LexiconFiles;
let handbook: string;
let english: string;

beforeAll(async () => {
  corpus = (await buildFromFiles(paths)).corpus;
  files = await readLexiconFiles(paths.corpusDir);
  handbook = corpus.chunks.map((chunk) => `${chunk.path.join(" ")} ${chunk.text}`).join("\n");
  english = corpus.chunks
    .map((chunk) => chunk.en)
    .join("\n")
    .toLowerCase();
});

describe("corpus/glossary.json", () => {
  it("has at least 120 concepts, each labelled in three languages", () => {
    const concepts = parseGlossary(files.glossaryJson);
    expect(concepts.length).toBeGreaterThanOrEqual(120);
    for (const concept of concepts) {
      expect(concept.zh.length + concept.en.length, concept.id).toBeGreaterThanOrEqual(4);
    }
  });

  it("names every concept by terms the repaired handbook really uses", () => {
    const missing = parseGlossary(files.glossaryJson).flatMap((concept) =>
      concept.handbook.filter((term) => !handbook.includes(term)).map((term) => `${concept.id}: ${term}`),
    );
    expect(missing).toEqual([]);
  });
});

describe("corpus/thesaurus.tsv", () => {
  it("maps everyday words only onto words the handbook uses", () => {
    const wrong: string[] = [];
    for (const line of files.thesaurusTsv.split("\n").slice(1)) {
      if (!line.trim() || line.startsWith("#")) continue;
      const [from, to] = line.split("\t");
      for (const term of (to ?? "")
        .split("|")
        .map((part) => part.trim())
        .filter(Boolean)) {
        const known = isEnglish(term) ? english.includes(term.toLowerCase()) : handbook.includes(term);
        if (!known) wrong.push(`${from} → ${term}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("corpus/out-of-scope.tsv", () => {
  it("lists no term the handbook itself uses", () => {
    const inside: string[] = [];
    for (const line of files.outOfScopeTsv.split("\n").slice(1)) {
      const term = line.split("\t")[0]?.trim();
      if (!term || line.startsWith("#")) continue;
      const found = isEnglish(term)
        ? new RegExp(`\\b${term}\\b`, "i").test(english)
        : handbook.includes(toTraditional(term));
      if (found) inside.push(term);
    }
    expect(inside).toEqual([]);
  });
});

describe("corpus/questions.tsv", () => {
  it("anchors every question inside a passage, and every passage has questions in all three languages", () => {
    const questions = parseQuestions(files.questionsTsv);
    const ranker = new QuestionRanker(questions, corpus.chunks, toTraditional);
    expect(ranker.orphans).toEqual([]);
    for (const chunk of corpus.chunks) {
      const own = questions.filter((question) => chunk.start <= question.offset && question.offset < chunk.end);
      for (const lang of ["zh-Hant", "zh-Hans", "en"]) {
        expect(own.filter((question) => question.lang === lang).length, `${chunk.id} ${lang}`).toBeGreaterThanOrEqual(
          3,
        );
      }
    }
  });
});

describe("DomainScope", () => {
  it("tells a question about the handbook's subject from one that only shares function words", () => {
    const scope = new DomainScope(
      corpus.chunks,
      parseQuestions(files.questionsTsv).map((question) => toTraditional(question.question)),
    );
    expect(scope.coverage(toTraditional("我那個老員工業績還行但整天很消極"))).toBeGreaterThan(0.5);
    expect(scope.coverage(toTraditional("紅燒肉怎麼做才好吃"))).toBeLessThan(0.3);
    expect(scope.coverage("怎麼辦")).toBe(0);
  });
});
