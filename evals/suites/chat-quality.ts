import type { AnsweredCase } from "../advice/quality-metrics.js";
import { qualityFigures } from "../advice/quality-metrics.js";
import { type PairRow, pairFigures } from "../chat/quality.js";
import { info, type Metric, type SuiteResult, target, targetAtMost } from "../types.js";

/**
 * The manager's chat on data written and judged by people who never saw the code (docs/chat-scenarios-guide.md),
 * end to end through `/api/conversations` and `/api/reps`: the answer to a follow-up that only makes sense after the
 * first turn, and the same message about a rep whose file says three weeks or three years. The tuning sets for
 * information, the blind sets against the chat issue's thresholds (reported as targets while they are not reached).
 */
export function chatQualitySuite(
  sets: ReadonlyArray<{ name: string; rows: readonly AnsweredCase[]; pairs: readonly PairRow[]; gate: boolean }>,
  latencies: readonly number[],
): SuiteResult {
  const metrics: Metric[] = [];
  for (const set of sets) {
    const all = qualityFigures(set.rows);
    const pairs = pairFigures(set.pairs);
    const name = (what: string) => `${set.name}: ${what}`;
    metrics.push(info(name("conversations"), all.cases), info(name("rep-file pairs"), pairs.pairs));
    const atLeast = (what: string, value: number, minimum: number) =>
      set.gate ? target(name(what), round(value), minimum) : info(name(what), round(value));
    metrics.push(
      atLeast("second answer: answering section in the top 3", all.sectionTop3, 0.85),
      atLeast("second answer: step precision", all.stepPrecision, 0.7),
      info(name("second answer: irrelevant steps"), round(all.irrelevantSteps)),
      info(name("second answer: who / tenure / problem (mean)"), round((all.who + all.tenure + all.problem) / 3)),
      info(name("near follow-ups declined"), round(all.declined)),
      set.gate
        ? targetAtMost(name("in-scope follow-ups declined"), round(all.inScopeAbstained), 0.01)
        : info(name("in-scope follow-ups declined"), round(all.inScopeAbstained)),
      atLeast("rep file: the tenure's section in the top 3", pairs.hit, 0.9),
      info(name("rep file: three weeks"), round(pairs.newHit)),
      info(name("rep file: three years"), round(pairs.veteranHit)),
      info(name("rep file: both sides of a pair"), round(pairs.bothHit)),
    );
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  metrics.push(
    info("p95 ms per follow-up (in process, through the app)", round(sorted[Math.floor(sorted.length * 0.95)] ?? 0)),
  );
  return { suite: "chat-quality", metrics, notes: [] };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
