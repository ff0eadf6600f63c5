import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createApp } from "../../src/app.js";
import type { Advice } from "../../src/coach/advice/types.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import { readJsonl } from "../cases.js";
import { JudgmentSchema, type Scenario, ScenarioSchema } from "./check-scenarios.js";
import {
  type AnsweredCase,
  judgeStep,
  mergeJudgments,
  type QualityFigures,
  qualityFigures,
} from "./quality-metrics.js";

/**
 * `npx tsx evals/advice/quality.ts [--set tuning|blind] [--verbose]`: advice quality on scenarios written and judged
 * by people who never saw the code (docs/advice-scenarios-guide.md), end to end through `POST /api/advice` offline.
 * `tuning` is the writers' sets (evals/advice/writers/), what changes are tuned on; `blind` (evals/advice/blind/) is
 * read once per change worth a figure, and every read is listed in docs/advice.md.
 */
const here = fileURLToPath(new URL(".", import.meta.url));

export function loadSet(folder: string): Scenario[] {
  const dir = join(here, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".jsonl"))
    .sort()
    .flatMap((file) => readJsonl(join(dir, file), ScenarioSchema));
}

export function loadJudgments() {
  const dir = join(here, "judgments");
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith(".jsonl")) : [];
  return mergeJudgments(files.sort().flatMap((file) => readJsonl(join(dir, file), JudgmentSchema)));
}

/** The product's diagnosis in the guide's terms; what it does not say reads as `unknown` (or `none`). */
export function diagnosisOf(advice: Advice): AnsweredCase["diagnosis"] {
  const diagnosis = advice.diagnosis;
  const who = diagnosis.who?.value;
  const aboutReps = who === undefined || who === "rep" || who === "reps";
  const problem = diagnosis.problems[0]?.value;
  return {
    ...(who ? { who } : {}),
    tenure: diagnosis.tenure?.value ?? (aboutReps ? "unknown" : "none"),
    problem: problem === "manager" ? "management" : (problem ?? "none"),
  };
}

export async function answerAll(scenarios: readonly Scenario[], latencies: number[] = []): Promise<AnsweredCase[]> {
  const judgments = loadJudgments();
  const app = createApp(await realAppDeps());
  const rows: AnsweredCase[] = [];
  for (const scenario of scenarios) {
    const started = performance.now();
    const response = await app.request("/api/advice", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: scenario.scenario }),
    });
    if (response.status !== 200) throw new Error(`${scenario.id}: /api/advice answered ${response.status}`);
    const advice = (await response.json()) as Advice;
    latencies.push(performance.now() - started);
    rows.push({
      scenario,
      judgment: judgments.get(scenario.id) ?? { useful: new Set(), partial: new Set() },
      abstained: advice.abstained,
      steps: advice.steps.map((step) => step.citations),
      citations: advice.citations.map((chunk) => chunk.id),
      diagnosis: diagnosisOf(advice),
    });
  }
  return rows;
}

export function printFigures(title: string, figures: QualityFigures): void {
  const f = (value: number) => value.toFixed(3);
  console.log(
    `${title.padEnd(12)} n=${String(figures.cases).padStart(3)} in=${String(figures.inScope).padStart(3)} steps=${String(figures.steps).padStart(4)} | precision ${f(figures.stepPrecision)} irrelevant ${f(figures.irrelevantSteps)} good ${f(figures.goodAnswers)} nDCG@5 ${f(figures.ndcg5)} section@3 ${f(figures.sectionTop3)} | who ${f(figures.who)} tenure ${f(figures.tenure)} problem ${f(figures.problem)} | declined ${f(figures.declined)} abstained-in ${f(figures.inScopeAbstained)}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { set: { type: "string", default: "tuning" }, verbose: { type: "boolean", default: false } },
  });
  const folder = values.set === "blind" ? "blind" : "writers";
  const scenarios = loadSet(folder);
  const judgments = loadJudgments();
  const unjudged = scenarios.filter((item) => item.scope === "in" && !judgments.has(item.id));
  if (unjudged.length)
    console.log(`${unjudged.length} in-scope scenarios have no judgment yet (they count as all irrelevant)`);
  const rows = await answerAll(scenarios);
  printFigures("all", qualityFigures(rows));
  for (const lang of ["zh-Hant", "zh-Hans", "en"] as const) {
    const inLang = rows.filter((row) => row.scenario.lang === lang);
    if (inLang.length) printFigures(lang, qualityFigures(inLang));
  }
  for (const writer of [...new Set(scenarios.map((item) => item.writer))])
    printFigures(writer, qualityFigures(rows.filter((row) => row.scenario.writer === writer)));
  if (values.verbose)
    for (const row of rows) {
      const judged = row.steps.map((cited) => `${cited[0]}:${judgeStep(cited, row.judgment)[0]}`);
      console.log(
        `${row.scenario.id} ${row.scenario.scope}${row.abstained ? " ABSTAINED" : ""} who ${row.scenario.who}/${row.diagnosis.who ?? "-"} tenure ${row.scenario.tenure}/${row.diagnosis.tenure} problem ${row.scenario.problem}/${row.diagnosis.problem} | ${judged.join(" ")} | ${row.scenario.scenario.slice(0, 80)}`,
      );
    }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
