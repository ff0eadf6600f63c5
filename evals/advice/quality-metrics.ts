import type { Judgment, Scenario } from "./check-scenarios.js";

/** What the quality figures read of one answer of `/api/advice`. */
export interface AnsweredCase {
  scenario: Scenario;
  /** The judges' passages for this scenario (merged over judges: useful wins over partial). */
  judgment: { useful: ReadonlySet<string>; partial: ReadonlySet<string> };
  abstained: boolean;
  /** Each step's cited passage ids, in the answer's order. */
  steps: string[][];
  /** The answer's citations, best first. */
  citations: string[];
  diagnosis: { who?: string; tenure?: string; problem?: string };
}

export type StepJudgment = "useful" | "partial" | "irrelevant";

/** A step is as good as the best passage it cites. */
export function judgeStep(cited: readonly string[], judgment: AnsweredCase["judgment"]): StepJudgment {
  if (cited.some((id) => judgment.useful.has(id))) return "useful";
  if (cited.some((id) => judgment.partial.has(id))) return "partial";
  return "irrelevant";
}

/**
 * A good answer: at least three useful steps, or every step useful when fewer are given, and at most one irrelevant
 * step (docs/advice-scenarios-guide.md; the definition). An answer with no steps is not good.
 */
export function isGoodAnswer(judged: readonly StepJudgment[]): boolean {
  const useful = judged.filter((step) => step === "useful").length;
  const irrelevant = judged.filter((step) => step === "irrelevant").length;
  if (judged.length === 0) return false;
  return (useful >= 3 || useful === judged.length) && irrelevant <= 1;
}

/** nDCG at k of a ranked list of passage ids: useful gains 2, partial 1. */
export function ndcgAt(k: number, ranked: readonly string[], judgment: AnsweredCase["judgment"]): number {
  const gain = (id: string) => (judgment.useful.has(id) ? 2 : judgment.partial.has(id) ? 1 : 0);
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = dcg([...[...judgment.useful].map(() => 2), ...[...judgment.partial].map(() => 1)]);
  return ideal === 0 ? 0 : dcg(ranked.map(gain)) / ideal;
}

/** The section a passage belongs to (`4.5.4.2.2-01` → `4.5.4.2.2`). */
export function sectionOf(id: string): string {
  return id.replace(/-\d+$/, "");
}

export interface QualityFigures {
  cases: number;
  inScope: number;
  steps: number;
  stepPrecision: number;
  irrelevantSteps: number;
  goodAnswers: number;
  ndcg5: number;
  sectionTop3: number;
  who: number;
  tenure: number;
  problem: number;
  declined: number;
  inScopeAbstained: number;
}

/** The figures of docs/advice.md over a set of answered scenarios. */
export function qualityFigures(rows: readonly AnsweredCase[]): QualityFigures {
  const inScope = rows.filter((row) => row.scenario.scope === "in");
  const outside = rows.filter((row) => row.scenario.scope !== "in");
  const answered = inScope.filter((row) => !row.abstained);
  const judged = answered.map((row) => row.steps.map((cited) => judgeStep(cited, row.judgment)));
  const all = judged.flat();
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const sectionHit = (row: AnsweredCase) => {
    const sections = new Set(row.scenario.from.map(sectionOf));
    return row.citations.slice(0, 3).some((id) => sections.has(sectionOf(id)));
  };
  const field = (name: "who" | "tenure" | "problem") =>
    share(inScope.filter((row) => (row.diagnosis[name] ?? "unknown") === row.scenario[name]).length, inScope.length);
  return {
    cases: rows.length,
    inScope: inScope.length,
    steps: all.length,
    stepPrecision: share(all.filter((step) => step === "useful").length, all.length),
    irrelevantSteps: share(all.filter((step) => step === "irrelevant").length, all.length),
    // An in-scope scenario the answer declined is not a good answer.
    goodAnswers: share(judged.filter(isGoodAnswer).length, inScope.length),
    ndcg5: share(
      inScope.reduce((sum, row) => sum + (row.abstained ? 0 : ndcgAt(5, row.citations, row.judgment)), 0),
      inScope.length,
    ),
    sectionTop3: share(inScope.filter((row) => !row.abstained && sectionHit(row)).length, inScope.length),
    who: field("who"),
    tenure: field("tenure"),
    problem: field("problem"),
    declined: share(outside.filter((row) => row.abstained).length, outside.length),
    inScopeAbstained: share(inScope.filter((row) => row.abstained).length, inScope.length),
  };
}

/** Merges the judges' lines per scenario: a passage any judge found useful is useful, else partial if any said so. */
export function mergeJudgments(lines: readonly Judgment[]): Map<string, AnsweredCase["judgment"]> {
  const merged = new Map<string, { useful: Set<string>; partial: Set<string> }>();
  for (const line of lines) {
    const entry = merged.get(line.id) ?? { useful: new Set<string>(), partial: new Set<string>() };
    for (const id of line.useful) entry.useful.add(id);
    for (const id of line.partial) entry.partial.add(id);
    merged.set(line.id, entry);
  }
  for (const entry of merged.values()) for (const id of entry.useful) entry.partial.delete(id);
  return merged;
}
