import type { Chunk } from "../corpus/types.js";
import { Bm25Index } from "./bm25.js";
import type { Glossary } from "./glossary.js";
import { bigrams, englishTokens } from "./tokenize.js";
import type { Ranked } from "./types.js";

/**
 * The glossary as a bridge between a user's words and the handbook's. Each concept is a small document
 * of every way to say it (handbook terms, colloquial Chinese in both scripts, English); a query is
 * matched against those documents by BM25, so a query that says part of a colloquial form, or says it
 * in other words, still lands on the concept. A passage then scores the sum of the scores of the
 * concepts it is about (its text or heading uses the concept's handbook terms).
 */
export class ConceptRanker {
  private readonly index: Bm25Index;
  private readonly chunkConcepts: Map<string, Map<string, number>>;

  constructor(
    readonly glossary: Glossary,
    chunks: readonly Chunk[],
    toTraditional: (text: string) => string,
  ) {
    const ids = glossary.concepts.map((concept) => concept.id);
    const documents = glossary.concepts.map((concept) => {
      const chinese = [...concept.handbook, ...concept.zh, concept.label["zh-Hant"], concept.label["zh-Hans"]]
        .map(toTraditional)
        .join(" ");
      return [...bigrams(chinese), ...englishTokens([...concept.en, concept.label.en].join(" "))];
    });
    this.index = new Bm25Index(ids, documents);
    this.chunkConcepts = new Map(
      chunks.map((chunk) => {
        // One point per distinct handbook term of the concept in the text, two per term in the heading
        // path: a concept named in the heading is what the passage is about.
        const weights = new Map<string, number>();
        for (const match of glossary.matchChinese(chunk.text, true)) weights.set(match.id, match.forms.length);
        for (const match of glossary.matchChinese(chunk.path.join(" "), true)) {
          weights.set(match.id, (weights.get(match.id) ?? 0) + 2 * match.forms.length);
        }
        return [chunk.id, weights];
      }),
    );
  }

  /** The concepts a query is about, best first, with their scores. */
  concepts(queryText: { zh: string; en: string }, limit = 8): Ranked[] {
    return this.index.search([...bigrams(queryText.zh), ...englishTokens(queryText.en)], limit);
  }

  /**
   * Passages about the first of the given concepts that any passage names (the list goes from most to
   * least specific), those naming it in their heading first.
   */
  passagesAbout(conceptIds: readonly string[], limit: number): Ranked[] {
    for (const id of conceptIds) {
      const scores: Ranked[] = [];
      for (const [chunkId, weights] of this.chunkConcepts) {
        const score = weights.get(id) ?? 0;
        if (score > 0) scores.push({ id: chunkId, score });
      }
      if (scores.length > 0)
        return scores.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
    }
    return [];
  }

  rank(queryText: { zh: string; en: string }, limit: number): Ranked[] {
    const concepts = this.concepts(queryText);
    const scores = new Map<string, number>();
    for (const [chunkId, weights] of this.chunkConcepts) {
      let score = 0;
      for (const concept of concepts) score += (weights.get(concept.id) ?? 0) * concept.score;
      if (score > 0) scores.set(chunkId, score);
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}
