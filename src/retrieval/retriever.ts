import type { CorpusIndex } from "../corpus/corpus-index.js";
import type { Chunk } from "../corpus/types.js";
import type { ConceptRanker } from "./concept-ranker.js";
import { reciprocalRankFusion, type WeightedList } from "./fuse.js";
import type { Glossary } from "./glossary.js";
import { type NormaliseDeps, type NormalisedQuery, normaliseQuery } from "./normalise.js";
import type { QuestionRanker } from "./question-ranker.js";
import type { DomainScope } from "./scope.js";
import type { Embedder, Lang, Ranked, Store } from "./types.js";

/** Tuned on evals/retrieval.jsonl and reported by `npm run eval`; see docs/retrieval.md. */
export interface RankerWeights {
  chinese: number;
  english: number;
  vector: number;
  concepts: number;
  questions: number;
}

export interface RetrievalSettings {
  /** How many hits each ranker contributes to the fusion. */
  candidates: number;
  /** Fusion weights for Chinese queries and for English ones (whose Chinese search sees only expansions). */
  weights: { zh: RankerWeights; en: RankerWeights };
  /**
   * Below this share of content words the handbook knows (DomainScope), it is taken not to cover the
   * query. English needs more: its everyday words ("best", "way", "fix") are all somewhere in the rendering.
   */
  abstainBelow: { zh: number; en: number };
  /**
   * English queries also abstain when, weighting each word by how rare it is (DomainScope.weightedCoverage),
   * less than this share of the query is the handbook's: "configure a Kubernetes ingress controller" knows
   * "best" and "way" but none of the words that carry it. Set from the dev set: its least-covered in-scope
   * English query is at 0.45.
   */
  abstainBelowWeightedEn: number;
  /**
   * A query naming an uncovered topic (out-of-scope.tsv) abstains unless it also names at least this many
   * handbook concepts: "a bonus tax question" abstains, "a rep who won't fill in the CRM" need not.
   */
  conceptsToOverrideOutOfScope: number;
}

/** The Chinese full-text query is cut to this many characters (the user's words first, then expansions). */
const MAX_QUERY_CHARS = 64;

export const DEFAULT_SETTINGS: RetrievalSettings = {
  candidates: 20,
  weights: {
    zh: { chinese: 0.3, english: 0.15, vector: 0.3, concepts: 0.15, questions: 6 },
    en: { chinese: 0.15, english: 0.3, vector: 0.3, concepts: 0.15, questions: 6 },
  },
  abstainBelow: { zh: 0.3, en: 0.55 },
  abstainBelowWeightedEn: 0.3,
  conceptsToOverrideOutOfScope: 3,
};

export interface ScoredChunk extends Chunk {
  score: number;
}

export interface Retrieval {
  query: string;
  /** The answer's language: asked for, or else the query's. */
  lang: Lang;
  /** The query's language, detected from its text. */
  queryLang: Lang;
  normalized: string;
  concepts: Array<{ id: string; label: string; matched: string[] }>;
  abstained: boolean;
  /** Terms that named a topic the handbook does not cover. */
  outOfScope: string[];
  /** Share of the query's content words the handbook knows: what abstention is decided on. */
  confidence: number;
  /** The same, each word weighted by how rare it is (English abstains on it too). */
  weightedConfidence: number;
  results: ScoredChunk[];
  /**
   * Each ranker's passages, best first (up to `candidates` each): what advice re-ranks the results by
   * (src/coach/advice/passage-ranker.ts). Not part of `/api/retrieve`'s answer.
   */
  rankings: Record<string, readonly Ranked[]>;
  /** When abstaining: the passages that came closest, to suggest what the handbook does cover. */
  nearest: Array<{ id: string; title: string; path: string[] }>;
}

export interface RetrieverDeps extends NormaliseDeps {
  store: Store;
  /** Embeds queries for the store's vector column (the offline embedder, or a provider's). */
  embedder: Embedder;
  scope: DomainScope;
  conceptRanker: ConceptRanker;
  questionRanker: QuestionRanker;
  corpus: CorpusIndex;
  settings?: RetrievalSettings;
}

/** Query → normalise → three rankers → reciprocal-rank fusion → abstain or return full chunks. */
export class Retriever {
  readonly settings: RetrievalSettings;

  constructor(private readonly deps: RetrieverDeps) {
    this.settings = deps.settings ?? DEFAULT_SETTINGS;
  }

  get glossary(): Glossary {
    return this.deps.glossary;
  }

  get storeName(): string {
    return this.deps.store.name;
  }

  /** The best passage about some glossary concepts (for a diagnosis that names a rep type or stage). */
  passageAbout(conceptIds: readonly string[]): ScoredChunk | undefined {
    const best = this.deps.conceptRanker.passagesAbout(conceptIds, 1)[0];
    const chunk = best ? this.deps.corpus.chunk(best.id) : undefined;
    return chunk ? { ...chunk, score: 0 } : undefined;
  }

  /**
   * The question ranker only knows the handbook: its questions were written for the handbook's passages, and
   * it carries the most weight. So that a user's playbook competes on what it says, each playbook passage
   * takes, in the question list, the rank the text rankers together give it. Without playbooks, nothing changes.
   */
  private withPlaybooks(lists: WeightedList[]): WeightedList[] {
    if (this.deps.corpus.corpus.playbooks.length === 0) return lists;
    const isPlaybook = (id: string) => this.deps.corpus.chunk(id)?.source !== undefined;
    const byText = reciprocalRankFusion(lists.filter((list) => list.name !== "questions"));
    return lists.map((list) => {
      if (list.name !== "questions") return list;
      const merged = list.results.filter((hit) => !isPlaybook(hit.id));
      byText.forEach((hit, rank) => {
        if (isPlaybook(hit.id) && rank < merged.length + 1) merged.splice(rank, 0, hit);
      });
      return { ...list, results: merged };
    });
  }

  /** The query as the indexes see it; its language is always detected from its own text. */
  normalise(query: string): NormalisedQuery {
    return normaliseQuery(query, this.deps);
  }

  /**
   * The passages for a query. `lang` is the language of the answer (concept labels, and what advice is written
   * in); the query's own language is detected independently and alone decides how it is searched, so the same
   * question finds the same passages whatever answer language is asked for.
   */
  async retrieve(
    query: string,
    /** `keepResults`: return the passages even when abstaining (advice decides scope itself with its model). */
    options: { k?: number; lang?: Lang; keepResults?: boolean } = {},
  ): Promise<Retrieval> {
    const k = options.k ?? 5;
    const normalised = this.normalise(query);
    const answerLang = options.lang ?? normalised.lang;
    const { store, embedder, corpus } = this.deps;
    const { candidates, abstainBelow, conceptsToOverrideOutOfScope } = this.settings;
    const weights = normalised.lang === "en" ? this.settings.weights.en : this.settings.weights.zh;
    const vector = await embedder.embedQuery(normalised);
    // The store's searches run natively off the main thread: start them, then do the in-process rankers.
    const searches = Promise.all([
      // The same bounded query text for every store: search time grows with its length.
      store.searchChinese(normalised.zh.slice(0, MAX_QUERY_CHARS), candidates),
      store.searchEnglish(normalised.en, candidates),
      store.searchVector(vector, candidates),
    ]);
    const questionHits = this.deps.questionRanker.search(normalised);
    const byQuestions = this.deps.questionRanker.rank(questionHits, candidates);
    const byConcepts = this.deps.conceptRanker.rank(normalised, candidates);
    const confidence = this.deps.scope.coverage(normalised.normalized);
    const [chinese, english, nearest] = await searches;
    const lists: WeightedList[] = [
      { name: "questions", weight: weights.questions, results: byQuestions },
      { name: "chinese", weight: weights.chinese, results: chinese },
      { name: "english", weight: weights.english, results: english },
      { name: "vector", weight: weights.vector, results: nearest },
      { name: "concepts", weight: weights.concepts, results: byConcepts },
    ];
    const fused = reciprocalRankFusion(this.withPlaybooks(lists));
    const uncovered = normalised.outOfScope.length > 0 && normalised.concepts.length < conceptsToOverrideOutOfScope;
    const unknownWords =
      normalised.lang === "en" &&
      this.deps.scope.weightedCoverage(normalised.normalized) < this.settings.abstainBelowWeightedEn;
    const abstained =
      confidence < (normalised.lang === "en" ? abstainBelow.en : abstainBelow.zh) || unknownWords || uncovered;
    const results =
      abstained && !options.keepResults
        ? []
        : fused.slice(0, k).flatMap((hit) => {
            const chunk = corpus.chunk(hit.id);
            return chunk ? [{ ...chunk, score: round(hit.score) }] : [];
          });
    return {
      query,
      lang: answerLang,
      queryLang: normalised.lang,
      normalized: normalised.normalized,
      concepts: normalised.matches.map((match) => ({
        id: match.id,
        label: this.deps.glossary.concept(match.id)?.label[answerLang] ?? match.id,
        matched: match.forms,
      })),
      abstained,
      outOfScope: normalised.outOfScope,
      confidence: round(confidence),
      weightedConfidence: round(this.deps.scope.weightedCoverage(normalised.normalized)),
      results,
      rankings: Object.fromEntries(lists.map((list) => [list.name, list.results])),
      nearest: abstained
        ? fused.slice(0, 3).flatMap((hit) => {
            const chunk = corpus.chunk(hit.id);
            return chunk ? [{ id: chunk.id, title: chunk.title, path: chunk.path }] : [];
          })
        : [],
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
