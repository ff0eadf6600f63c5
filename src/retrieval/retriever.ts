import type { CorpusIndex } from "../corpus/corpus-index.js";
import type { Chunk } from "../corpus/types.js";
import { reciprocalRankFusion, type WeightedList } from "./fuse.js";
import { normaliseQuery, type NormaliseDeps, type NormalisedQuery } from "./normalise.js";
import type { OfflineScope } from "./scope.js";
import type { Embedder, Lang, Store } from "./types.js";

/** Tuned on evals/retrieval.jsonl and reported by `npm run eval`; see docs/retrieval.md. */
export interface RankerWeights {
  chinese: number;
  english: number;
  vector: number;
}

export interface RetrievalSettings {
  /** How many hits each ranker contributes to the fusion. */
  candidates: number;
  /** Fusion weights for Chinese queries and for English ones (whose Chinese search sees only expansions). */
  weights: { zh: RankerWeights; en: RankerWeights };
  /** Below this cosine between the query and its best passage, the handbook is taken not to cover it. */
  abstainBelow: number;
  /**
   * A query naming an uncovered topic (out-of-scope.tsv) abstains unless it also names at least this many
   * handbook concepts: "a bonus tax question" abstains, "a rep who won't fill in the CRM" need not.
   */
  conceptsToOverrideOutOfScope: number;
}

export const DEFAULT_SETTINGS: RetrievalSettings = {
  candidates: 20,
  weights: {
    zh: { chinese: 1, english: 0.5, vector: 1.5 },
    en: { chinese: 0.5, english: 1.5, vector: 1 },
  },
  abstainBelow: 0.12,
  conceptsToOverrideOutOfScope: 2,
};

export interface ScoredChunk extends Chunk {
  score: number;
}

export interface Retrieval {
  query: string;
  lang: Lang;
  normalized: string;
  concepts: Array<{ id: string; label: string; matched: string[] }>;
  abstained: boolean;
  /** Terms that named a topic the handbook does not cover. */
  outOfScope: string[];
  /** The offline cosine of the best passage: what abstention is decided on. */
  confidence: number;
  results: ScoredChunk[];
}

export interface RetrieverDeps extends NormaliseDeps {
  store: Store;
  /** Embeds queries for the store's vector column (the offline embedder, or a provider's). */
  embedder: Embedder;
  scope: OfflineScope;
  corpus: CorpusIndex;
  settings?: RetrievalSettings;
}

/** Query → normalise → three rankers → reciprocal-rank fusion → abstain or return full chunks. */
export class Retriever {
  readonly settings: RetrievalSettings;

  constructor(private readonly deps: RetrieverDeps) {
    this.settings = deps.settings ?? DEFAULT_SETTINGS;
  }

  get storeName(): string {
    return this.deps.store.name;
  }

  normalise(query: string, lang?: Lang): NormalisedQuery {
    return normaliseQuery(query, this.deps, lang);
  }

  async retrieve(query: string, options: { k?: number; lang?: Lang } = {}): Promise<Retrieval> {
    const k = options.k ?? 5;
    const normalised = this.normalise(query, options.lang);
    const { store, embedder, corpus } = this.deps;
    const { candidates, abstainBelow, conceptsToOverrideOutOfScope } = this.settings;
    const weights = normalised.lang === "en" ? this.settings.weights.en : this.settings.weights.zh;
    const vector = await embedder.embedQuery(normalised);
    const [chinese, english, nearest, confidence] = await Promise.all([
      store.searchChinese(normalised.zh, candidates),
      store.searchEnglish(normalised.en, candidates),
      store.searchVector(vector, candidates),
      this.deps.scope.confidence(normalised),
    ]);
    const lists: WeightedList[] = [
      { name: "chinese", weight: weights.chinese, results: chinese },
      { name: "english", weight: weights.english, results: english },
      { name: "vector", weight: weights.vector, results: nearest },
    ];
    const fused = reciprocalRankFusion(lists);
    const uncovered = normalised.outOfScope.length > 0 && normalised.concepts.length < conceptsToOverrideOutOfScope;
    const abstained = confidence < abstainBelow || uncovered;
    const results = abstained
      ? []
      : fused.slice(0, k).flatMap((hit) => {
          const chunk = corpus.chunk(hit.id);
          return chunk ? [{ ...chunk, score: round(hit.score) }] : [];
        });
    return {
      query,
      lang: normalised.lang,
      normalized: normalised.normalized,
      concepts: normalised.matches.map((match) => ({
        id: match.id,
        label: this.deps.glossary.concept(match.id)?.label[normalised.lang] ?? match.id,
        matched: match.forms,
      })),
      abstained,
      outOfScope: normalised.outOfScope,
      confidence: round(confidence),
      results,
    };
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
