import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AdviceSettings } from "../src/coach/advice/advice-settings.js";
import type { AdviceService } from "../src/coach/advice/advise.js";
import { stepPlan } from "../src/coach/advice/compose-offline.js";
import { ensembleFit } from "../src/coach/advice/passage-ranker.js";
import { LinearModel } from "../src/coach/fabe/linear-model.js";
import { realAppDeps } from "../test/support/app-deps.js";
import { printFigures } from "./advice/quality.js";
import { ndcgAt, qualityFigures, sectionOf } from "./advice/quality-metrics.js";
import {
  adviceOnly,
  answeredCase,
  crossFittedCoverage,
  crossFittedDiagnoses,
  crossFittedLabels,
  loadTuningCases,
  planAnswer,
  rankExamples,
  trainRanker,
  trainShippedAdviceModel,
} from "./advice-training.js";

/**
 * `npm run advice:train`: writes prompts/advice-model.json (diagnosis and passage ranker) trained on every tuning
 * writer. `--check` only says whether the file is what training gives now. `--lowo` measures instead, leaving one
 * writer out at a time (the figure changes are tuned by), with `--min-fit 0.3,0.4` trying other values of
 * `rank.minFit`.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const modelFile = join(root, "prompts", "advice-model.json");

async function leaveOneWriterOut(minFits: number[], minCoverage?: number): Promise<void> {
  const service = (await realAppDeps()).advice;
  const settings = service.settings;
  const cases = await loadTuningCases(service);
  const labels = crossFittedLabels(cases, settings);
  const diagnoses = crossFittedDiagnoses(cases, settings);
  // One-shot advice is read by the models trained on advice scenarios only; the chat data by the conversation models,
  // trained on everything (as `npm run advice:train` ships them).
  const adviceCoverage = crossFittedCoverage(adviceOnly(cases), settings);
  const chatCoverage = crossFittedCoverage(cases, settings);
  const coverage = new Map(
    cases.map((item) => [
      item.scenario.id,
      (item.kind === "advice" ? adviceCoverage : chatCoverage).get(item.scenario.id) ?? 1,
    ]),
  );
  const writers = [...new Set(cases.map((item) => item.scenario.writer))];
  // Each writer's candidates scored by a ranker trained on the other writers.
  const fits = new Map<string, Map<string, number>>();
  for (const writer of writers) {
    const others = cases.filter((item) => item.scenario.writer !== writer);
    const own = cases.filter((candidate) => candidate.scenario.writer === writer);
    const adviceWriter = own.every((item) => item.kind === "advice");
    const models = trainRanker(
      rankExamples(adviceWriter ? adviceOnly(others) : others, service, diagnoses),
      settings,
    ).map((json) => new LinearModel(json));
    for (const item of own) {
      const scores = new Map<string, number>();
      for (const id of item.candidates) {
        const features = service.ranker.features(id, {
          ...item.context,
          diagnosis: diagnoses.get(item.scenario.id) ?? item.context.diagnosis,
        });
        scores.set(id, ensembleFit(models, features));
      }
      fits.set(item.scenario.id, scores);
    }
  }
  // The ranking itself, before any passage is left out: useful passages among the first one and three, nDCG@5.
  const judged = cases.filter((item) => item.kind === "advice" && item.scenario.scope === "in" && item.judged);
  const rankedOf = (item: (typeof cases)[number]) =>
    [...(fits.get(item.scenario.id) ?? new Map())].sort((a, b) => b[1] - a[1]).map(([id]) => id as string);
  const usefulAt = (k: number) =>
    judged.reduce(
      (sum, item) =>
        sum +
        rankedOf(item)
          .slice(0, k)
          .filter((id) => item.judgment.useful.has(id)).length /
          k,
      0,
    ) / judged.length;
  const ndcg = judged.reduce((sum, item) => sum + ndcgAt(5, rankedOf(item), item.judgment), 0) / judged.length;
  console.log(
    `ranking (LOWO, ${judged.length} answered in-scope scenarios): useful@1 ${usefulAt(1).toFixed(3)} useful@3 ${usefulAt(3).toFixed(3)} nDCG@5 ${ndcg.toFixed(3)}`,
  );
  const diagnosed = cases.filter((item) => item.kind === "advice" && item.scenario.scope === "in");
  const agree = (field: "who" | "tenure" | "problem") =>
    (
      diagnosed.filter((item) => labels.get(item.scenario.id)?.[field] === item.scenario[field]).length /
      diagnosed.length
    ).toFixed(3);
  console.log(
    `diagnosis (LOWO, ${diagnosed.length} in-scope scenarios of ${writers.length} writers): who ${agree("who")} tenure ${agree("tenure")} problem ${agree("problem")}`,
  );
  for (const minFit of minFits) {
    const chosen = { ...settings, rank: { ...settings.rank, minFit } };
    // Steps are judged only where a judge has read the scenario; the diagnosis is the writers' own labels.
    const rows = cases
      .filter((item) => item.kind === "advice" && (item.judged || item.scenario.scope !== "in"))
      .map((item) =>
        answeredCase(
          item,
          planAnswer(
            fits.get(item.scenario.id) ?? new Map(),
            chosen,
            item.context.focus,
            (id) => service.quotable(id),
            (id) => service.sectionPassages(id),
          ),
          labels.get(item.scenario.id) ?? { who: "rep", tenure: "unknown", problem: "none" },
          (coverage.get(item.scenario.id) ?? 1) < (minCoverage ?? settings.rank.minCoverage),
        ),
      );
    console.log(`minFit ${minFit}`);
    printFigures("LOWO all", qualityFigures(rows));
    for (const lang of ["zh-Hant", "zh-Hans", "en"] as const)
      printFigures(`LOWO ${lang}`, qualityFigures(rows.filter((row) => row.scenario.lang === lang)));
    if (minFits.length === 1)
      for (const writer of writers.filter((name) => rows.some((row) => row.scenario.writer === name)))
        printFigures(`LOWO ${writer}`, qualityFigures(rows.filter((row) => row.scenario.writer === writer)));
    chatLowo(cases, fits, labels, coverage, chosen, service, minCoverage ?? settings.rank.minCoverage);
  }
}

/**
 * The chat tuning data left out writer by writer: a follow-up's answer merges its two readings as the product does
 * (each reading's kept passages, at its weight; declined only if both are), and a pair's answer is its one reading.
 */
function chatLowo(
  cases: Awaited<ReturnType<typeof loadTuningCases>>,
  fits: ReadonlyMap<string, ReadonlyMap<string, number>>,
  labels: ReturnType<typeof crossFittedLabels>,
  coverage: ReadonlyMap<string, number>,
  settings: AdviceSettings,
  service: AdviceService,
  minCoverage: number,
): void {
  const declined = (item: (typeof cases)[number]) => (coverage.get(item.scenario.id) ?? 1) < minCoverage;
  const plan = (item: (typeof cases)[number]) =>
    planAnswer(
      fits.get(item.scenario.id) ?? new Map(),
      settings,
      item.context.focus,
      (id) => service.quotable(id),
      (id) => service.sectionPassages(id),
    );
  const rows = [];
  for (const item of cases.filter(
    (candidate) => candidate.kind === "chat" && (candidate.judged || candidate.scenario.scope !== "in"),
  )) {
    const readings = cases.filter((candidate) => candidate.source === item.source && candidate.kind.startsWith("chat"));
    const merged = new Map<string, number>();
    for (const reading of readings) {
      if (declined(reading)) continue;
      const weight = reading.kind === "chat-alone" ? settings.followUp.aloneWeight : 1;
      const readingFits = fits.get(reading.scenario.id) ?? new Map<string, number>();
      for (const id of plan(reading).citations) {
        const value = (readingFits.get(id) ?? 0) * weight;
        if (value > (merged.get(id) ?? Number.NEGATIVE_INFINITY)) merged.set(id, value);
      }
    }
    const kept = [...merged]
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => id)
      .slice(0, settings.passages);
    const steps = stepPlan(
      kept.map(() => settings.steps.rounds),
      settings.steps,
    ).map((index) => [kept[index] as string]);
    rows.push(
      answeredCase(
        item,
        { citations: kept, steps },
        labels.get(item.scenario.id) ?? { who: "rep", tenure: "unknown", problem: "none" },
        merged.size === 0,
      ),
    );
  }
  printFigures("LOWO chat", qualityFigures(rows));
  const pairs = cases.filter((item) => item.kind === "pair");
  const hits = pairs.filter((item) => {
    if (declined(item)) return false;
    const wanted = new Set(item.scenario.from.map(sectionOf));
    return plan(item)
      .citations.slice(0, 3)
      .some((id) => wanted.has(sectionOf(id)));
  });
  const side = (tenure: string) => {
    const all = pairs.filter((item) => item.scenario.tenure === tenure);
    return (hits.filter((item) => item.scenario.tenure === tenure).length / Math.max(1, all.length)).toFixed(3);
  };
  console.log(
    `LOWO pairs: ${pairs.length} answers, tenure's section in top 3 ${(hits.length / Math.max(1, pairs.length)).toFixed(3)} (3 weeks ${side("new")}, 3 years ${side("veteran")}), declined ${pairs.filter(declined).length}`,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: "boolean" },
      lowo: { type: "boolean" },
      "min-fit": { type: "string" },
      "min-coverage": { type: "string" },
    },
  });
  if (values.lowo) {
    const service = (await realAppDeps()).advice;
    const minFits = values["min-fit"]?.split(",").map(Number) ?? [service.settings.rank.minFit];
    const minCoverage = values["min-coverage"] === undefined ? undefined : Number(values["min-coverage"]);
    await leaveOneWriterOut(minFits, minCoverage);
    return 0;
  }
  const shipped = await trainShippedAdviceModel();
  const text = `${JSON.stringify(shipped)}\n`;
  if (values.check) {
    const same = readFileSync(modelFile, "utf8") === text;
    console.log(
      same ? "prompts/advice-model.json is up to date" : "prompts/advice-model.json is stale: run npm run advice:train",
    );
    return same ? 0 : 1;
  }
  writeFileSync(modelFile, text);
  const size = (json: { features: string[] } | null | undefined) => json?.features.length ?? 0;
  console.log(
    `wrote prompts/advice-model.json (${(text.length / 1024).toFixed(0)} KiB): diagnosis ${size(shipped.diagnosis?.who)}/${size(shipped.diagnosis?.tenure)}/${size(shipped.diagnosis?.problem)} features, ranker ${shipped.rank?.length ?? 0} × ${size(shipped.rank?.[0])} features`,
  );
  return 0;
}

process.exit(await main());
