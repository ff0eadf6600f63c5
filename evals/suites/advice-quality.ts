import type { AnsweredCase, QualityFigures } from "../advice/quality-metrics.js";
import { qualityFigures } from "../advice/quality-metrics.js";
import { info, type Metric, type SuiteResult, target, targetAtMost } from "../types.js";

/**
 * Advice quality on scenarios written and judged by people who never saw the code (docs/advice-scenarios-guide.md),
 * answered end to end through `POST /api/advice`: the tuning writers' sets for information, the blind sets against
 * the advice-quality issue's thresholds (reported as targets while they are not all reached).
 */
export function adviceQualitySuite(
  sets: ReadonlyArray<{ name: string; rows: readonly AnsweredCase[]; gate: boolean }>,
  latencies: readonly number[],
): SuiteResult {
  const metrics: Metric[] = [];
  const notes: string[] = [];
  for (const set of sets) {
    const all = qualityFigures(set.rows);
    const name = (what: string) => `${set.name}: ${what}`;
    metrics.push(info(name("scenarios"), all.cases));
    if (!set.gate) {
      metrics.push(
        info(name("step precision"), round(all.stepPrecision)),
        info(name("irrelevant steps"), round(all.irrelevantSteps)),
        info(name("good answers"), round(all.goodAnswers)),
        info(name("who / tenure / problem (mean)"), round((all.who + all.tenure + all.problem) / 3)),
      );
      continue;
    }
    metrics.push(
      target(name("step precision"), round(all.stepPrecision), 0.75),
      targetAtMost(name("irrelevant steps"), round(all.irrelevantSteps), 0.1),
      target(name("good answers"), round(all.goodAnswers), 0.7),
    );
    for (const lang of ["zh-Hant", "zh-Hans", "en"] as const) {
      const figures: QualityFigures = qualityFigures(set.rows.filter((row) => row.scenario.lang === lang));
      metrics.push(target(name(`good answers, ${lang}`), round(figures.goodAnswers), 0.6));
    }
    metrics.push(
      info(name("nDCG@5 of the citations"), round(all.ndcg5)),
      target(name("answering section in the top 3"), round(all.sectionTop3), 0.9),
      target(name("diagnosis: who"), round(all.who), 0.85),
      target(name("diagnosis: tenure group"), round(all.tenure), 0.85),
      target(name("diagnosis: problem kind"), round(all.problem), 0.85),
      target(name("close-but-uncovered and off-topic declined"), round(all.declined), 0.9),
      targetAtMost(name("in-scope abstention"), round(all.inScopeAbstained), 0.01),
    );
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  metrics.push(
    info("p95 ms per answer (in process, through the app)", round(sorted[Math.floor(sorted.length * 0.95)] ?? 0)),
  );
  return { suite: "advice-quality", metrics, notes };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
