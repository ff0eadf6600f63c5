import type { Chunk } from "../corpus/types.js";
import { Bm25Index } from "./bm25.js";
import { bigrams, englishTokens } from "./tokenize.js";
import type { Ranked } from "./types.js";

/** A question a passage answers, anchored by a seed offset inside the passage (corpus/questions.tsv). */
export interface PassageQuestion {
  offset: number;
  lang: string;
  question: string;
}

export function parseQuestions(tsv: string): PassageQuestion[] {
  const questions: PassageQuestion[] = [];
  tsv.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith("#") || line.startsWith("offset\t")) return;
    const [offset, lang, question] = line.split("\t");
    if (!offset || !/^\d+$/.test(offset) || !lang || !question)
      throw new Error(`questions.tsv line ${index + 1}: needs offset, lang, question`);
    questions.push({ offset: Number(offset), lang, question: question.trim() });
  });
  return questions;
}

/**
 * Ranks passages by the questions people ask that they answer, written by hand for each passage in three
 * languages (doc2query without a model). Questions are anchored by seed offset, so re-chunking moves them
 * with their text instead of orphaning them.
 */
export class QuestionRanker {
  private readonly index: Bm25Index;
  private readonly chunkOf: string[] = [];
  /** The question texts in index order, Traditional script. */
  readonly texts: string[] = [];
  /** Questions whose offset fell in no chunk (reported by the corpus tests). */
  readonly orphans: PassageQuestion[] = [];

  constructor(
    questions: readonly PassageQuestion[],
    chunks: readonly Chunk[],
    toTraditional: (text: string) => string,
  ) {
    const documents: string[][] = [];
    for (const question of questions) {
      const chunk = chunks.find((candidate) => candidate.start <= question.offset && question.offset < candidate.end);
      if (!chunk) {
        this.orphans.push(question);
        continue;
      }
      const text = toTraditional(question.question);
      documents.push([...bigrams(text), ...englishTokens(text)]);
      this.chunkOf.push(chunk.id);
      this.texts.push(text);
    }
    this.index = new Bm25Index(
      documents.map((_, index) => String(index)),
      documents,
    );
  }

  /** The questions most like the query by BM25: `id` is the question's index. */
  search(query: { normalized: string }, limit = 200): Ranked[] {
    return this.index.search([...bigrams(query.normalized), ...englishTokens(query.normalized)], limit);
  }

  /** Passages by their questions: a passage scores its best question plus half its second best. */
  rank(hits: readonly Ranked[], limit: number): Ranked[] {
    const best = new Map<string, number[]>();
    for (const hit of hits) {
      const chunkId = this.chunkOf[Number(hit.id)] as string;
      const scores = best.get(chunkId) ?? [];
      if (scores.length < 2) scores.push(hit.score);
      best.set(chunkId, scores);
    }
    return [...best]
      .map(([id, [first = 0, second = 0]]) => ({ id, score: first + second / 2 }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}
