import type { Retriever } from "../../src/retrieval/retriever.js";
import type { Lang } from "../../src/retrieval/types.js";
import type { RetrievalCase } from "../cases.js";
import { atLeast, atMost, info, type Metric, type SuiteResult } from "../types.js";

export interface CaseOutcome {
  case: RetrievalCase;
  ranked: string[];
  abstained: boolean;
  confidence: number;
  /** 1-based rank of the first target in the top 10, or 0. */
  rank: number;
  ms: number;
}

const LANGS: Lang[] = ["zh-Hant", "zh-Hans", "en"];

export type Search = (query: string) => Promise<{ ids: string[]; abstained: boolean; confidence: number }>;

/** A retriever as the eval sees it: k = 10, so MRR sees past the top 5. */
export function searchWith(retriever: Retriever): Search {
  return async (query) => {
    const result = await retriever.retrieve(query, { k: 10 });
    return { ids: result.results.map((chunk) => chunk.id), abstained: result.abstained, confidence: result.confidence };
  };
}

/** Runs every case through a search. */
export async function runCases(search: Search, cases: readonly RetrievalCase[]): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const item of cases) {
    const started = performance.now();
    const result = await search(item.query);
    const ms = performance.now() - started;
    const ranked = result.ids;
    const index = ranked.findIndex((id) => item.targets.includes(id));
    outcomes.push({
      case: item,
      ranked,
      abstained: result.abstained,
      confidence: result.confidence,
      rank: index + 1,
      ms,
    });
  }
  return outcomes;
}

export interface Scores {
  hit1: number;
  hit3: number;
  mrr: number;
  cases: number;
}

/** Ranking quality over in-scope cases; an abstention counts as a miss. */
export function score(outcomes: readonly CaseOutcome[]): Scores {
  const inScope = outcomes.filter((outcome) => !outcome.case.outOfScope);
  const n = Math.max(1, inScope.length);
  return {
    hit1: round(inScope.filter((o) => o.rank === 1).length / n),
    hit3: round(inScope.filter((o) => o.rank >= 1 && o.rank <= 3).length / n),
    mrr: round(inScope.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / n),
    cases: inScope.length,
  };
}

/** Metrics and thresholds for one store (the acceptance figures of the retrieval issue). */
export function storeMetrics(store: string, outcomes: readonly CaseOutcome[]): Metric[] {
  const overall = score(outcomes);
  const metrics: Metric[] = [
    atLeast(`${store} hit@3 overall`, overall.hit3, 0.9),
    info(`${store} hit@1 overall`, overall.hit1),
    info(`${store} MRR overall`, overall.mrr),
  ];
  for (const lang of LANGS) {
    const scores = score(outcomes.filter((o) => o.case.lang === lang));
    metrics.push(atLeast(`${store} hit@3 ${lang}`, scores.hit3, 0.85));
    metrics.push(info(`${store} hit@1 ${lang}`, scores.hit1), info(`${store} MRR ${lang}`, scores.mrr));
    const ofLang = outcomes.filter((o) => o.case.lang === lang);
    const right = ofLang.filter((o) => o.abstained === o.case.outOfScope).length;
    metrics.push(info(`${store} abstention right ${lang}`, round(right / Math.max(1, ofLang.length))));
  }
  const outOfScope = outcomes.filter((o) => o.case.outOfScope);
  const inScope = outcomes.filter((o) => !o.case.outOfScope);
  metrics.push(
    atLeast(
      `${store} abstains on out-of-scope`,
      round(outOfScope.filter((o) => o.abstained).length / Math.max(1, outOfScope.length)),
      0.9,
    ),
    atMost(
      `${store} abstains on in-scope`,
      round(inScope.filter((o) => o.abstained).length / Math.max(1, inScope.length)),
      0.05,
    ),
  );
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  metrics.push(info(`${store} p50 ms in process`, round(times[Math.floor(times.length / 2)] ?? 0)));
  return metrics;
}

/** The baseline we must beat: hit rates of plain FTS on the raw text, no normalisation, no glossary. */
export function baselineMetrics(outcomes: readonly CaseOutcome[]): Metric[] {
  const metrics: Metric[] = [];
  const overall = score(outcomes);
  metrics.push(
    info("baseline hit@3 overall", overall.hit3),
    info("baseline hit@1 overall", overall.hit1),
    info("baseline MRR overall", overall.mrr),
  );
  for (const lang of LANGS)
    metrics.push(info(`baseline hit@3 ${lang}`, score(outcomes.filter((o) => o.case.lang === lang)).hit3));
  return metrics;
}

/** Lines under the table: every miss and every wrong abstention, with the confidence that decided it. */
export function misses(store: string, outcomes: readonly CaseOutcome[]): string[] {
  return outcomes
    .filter((o) => (o.case.outOfScope ? !o.abstained : o.abstained || o.rank === 0 || o.rank > 3))
    .map((o) => {
      const what = o.case.outOfScope ? "answered out-of-scope" : o.abstained ? "abstained" : `rank ${o.rank || ">10"}`;
      return `${store} ${o.case.id} ${what} (confidence ${o.confidence}; top ${o.ranked.slice(0, 3).join(", ")}; want ${o.case.targets.join("|")})`;
    });
}

export function suiteResult(metrics: Metric[], notes: string[]): SuiteResult {
  return { suite: "retrieval", metrics, notes };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
