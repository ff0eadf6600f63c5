import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AdviceModelJson } from "../src/coach/advice/advice-model.js";
import type { AdviceSettings } from "../src/coach/advice/advice-settings.js";
import type { AdviceContext, AdviceService } from "../src/coach/advice/advise.js";
import { stepPlan } from "../src/coach/advice/compose-offline.js";
import type { Diagnosis } from "../src/coach/advice/diagnose.js";
import { keptPassages, quotableFits, type RankContext } from "../src/coach/advice/passage-ranker.js";
import type { Features } from "../src/coach/fabe/features.js";
import { LinearModel, type LinearModelJson, seededRandom, trainLinearModel } from "../src/coach/fabe/linear-model.js";
import { realAppDeps } from "../test/support/app-deps.js";
import type { Scenario } from "./advice/check-scenarios.js";
import { loadJudgments, loadSet } from "./advice/quality.js";
import type { AnsweredCase } from "./advice/quality-metrics.js";
import { chatReadings, loadChatJudgments } from "./chat/training-readings.js";
import { hashFiles } from "./fabe-training.js";

/**
 * Training the advice model (prompts/advice-model.json) from the judged tuning scenarios: the diagnosis of who,
 * tenure and problem from the writers' own labels, and the passage ranker from the judges' useful and partial
 * passages (docs/advice-scenarios-guide.md). The blind sets (evals/advice/blind/) are never read here.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
export const WHO = ["rep", "reps", "team", "manager", "customer", "candidate"];
export const TENURE = ["new", "half-year", "veteran", "unknown", "none"];
export const PROBLEM = ["attitude", "knowledge", "skill", "management", "none"];
export const RANK_LABELS = ["irrelevant", "partial", "useful"];

/** The guide's problem kinds as the cue file names them. */
const CUE_PROBLEM: Record<string, string> = { management: "manager" };

/**
 * Where a tuning case comes from: an advice scenario; a chat follow-up read with the turn before it (`chat`) or alone
 * (`chat-alone`); a rep-file pair's message read with the file's sentence (`pair`). Each model learns from the kinds
 * whose labels it can use (`USES`).
 */
export type CaseKind = "advice" | "chat" | "chat-alone" | "pair";

/**
 * Which models learn from which kind. The diagnosis and the one-shot advice ranker and scope model learn from advice
 * scenarios only; the conversation ranker and scope model (`conversation`) from the chat data as well: a follow-up
 * alone has no diagnosis labels, a pair no judged passages.
 */
export const USES: Record<CaseKind, { diagnosis: boolean; scope: boolean; rank: boolean }> = {
  advice: { diagnosis: true, scope: true, rank: true },
  chat: { diagnosis: false, scope: true, rank: true },
  "chat-alone": { diagnosis: false, scope: false, rank: true },
  pair: { diagnosis: false, scope: true, rank: false },
};

/** The cases the one-shot advice models learn from. */
export const adviceOnly = (cases: readonly TuningCase[]) => cases.filter((item) => item.kind === "advice");

/** One tuning scenario as the product reads it: the diagnosis features and the ranker's candidates. */
export interface TuningCase {
  kind: CaseKind;
  /** The conversation or pair a chat case belongs to (its two readings share it). */
  source?: string;
  scenario: Scenario;
  judgment: AnsweredCase["judgment"];
  /** False until a judge has read it: the ranker learns only from judged scenarios. */
  judged: boolean;
  /** Retrieval's own rule (the scope model decides in the product). */
  abstained: boolean;
  scopeFeatures: Features;
  diagnosisFeatures: Features;
  candidates: string[];
  context: RankContext;
}

export function tuningFiles(): string[] {
  const list = (folder: string) =>
    readdirSync(join(root, folder))
      .filter((file) => file.endsWith(".jsonl"))
      .sort()
      .map((file) => `${folder}/${file}`);
  return [
    ...list("evals/advice/writers"),
    ...list("evals/advice/judgments").filter((file) => !/\/ab\d/.test(file)),
    ...list("evals/chat/writers"),
    ...list("evals/chat/pairs"),
    ...list("evals/chat/judgments").filter((file) => !/\/cb\d/.test(file)),
  ];
}

export async function loadTuningCases(service?: AdviceService): Promise<TuningCase[]> {
  const advice = service ?? (await realAppDeps()).advice;
  const judgments = loadJudgments();
  const chatJudgments = loadChatJudgments();
  const cases: TuningCase[] = [];
  const add = async (kind: CaseKind, scenario: Scenario, context: AdviceContext = {}, source?: string) => {
    const { candidates } = await advice.candidates(scenario.scenario, undefined, context);
    cases.push({
      kind,
      ...(source ? { source } : {}),
      scenario,
      judgment: judgments.get(scenario.id) ?? { useful: new Set(), partial: new Set() },
      judged: judgments.has(scenario.id),
      abstained: candidates.retrieval.abstained,
      scopeFeatures: candidates.scope,
      diagnosisFeatures: advice.diagnoser.features(candidates.query),
      candidates: candidates.retrieval.results.map((chunk) => chunk.id),
      context: candidates.context,
    });
  };
  for (const scenario of loadSet("writers")) await add("advice", scenario);
  for (const reading of chatReadings(advice))
    await add(reading.kind, reading.scenario, reading.context, reading.source);
  return cases.map((item) =>
    item.kind === "advice"
      ? item
      : {
          ...item,
          judgment: chatJudgments.get(item.source ?? "") ?? item.judgment,
          judged: chatJudgments.has(item.source ?? ""),
        },
  );
}

type Field = "who" | "tenure" | "problem";
const FIELD_LABELS: Record<Field, string[]> = { who: WHO, tenure: TENURE, problem: PROBLEM };

/** The diagnosis models, trained on in-scope scenarios (the writers' labels of near and out ones differ). */
export function trainDiagnosis(cases: readonly TuningCase[], settings: AdviceSettings): AdviceModelJson["diagnosis"] {
  const inScope = cases.filter((item) => item.scenario.scope === "in" && USES[item.kind].diagnosis);
  const train = (field: Field) =>
    trainLinearModel(
      inScope.map((item) => ({ features: item.diagnosisFeatures, label: item.scenario[field] })),
      FIELD_LABELS[field],
      settings.rank.diagnosisTraining,
    );
  return { who: train("who"), tenure: train("tenure"), problem: train("problem") };
}

/** A diagnosis as the ranker reads it, from the three labels (only `value` matters to it). */
export function diagnosisOf(labels: Record<Field, string>): Diagnosis {
  const aboutReps = labels.who === "rep" || labels.who === "reps";
  const finding = (value: string) => ({ value, label: value, cues: [] });
  const tenureKnown = aboutReps && labels.tenure !== "unknown" && labels.tenure !== "none";
  return {
    who: finding(labels.who),
    ...(tenureKnown ? { tenure: finding(labels.tenure) } : {}),
    problems: labels.problem === "none" ? [] : [finding(CUE_PROBLEM[labels.problem] ?? labels.problem)],
    topics: [],
  };
}

export function predictDiagnosis(model: NonNullable<AdviceModelJson["diagnosis"]>, features: Features) {
  const read = (json: LinearModelJson) => {
    const linear = new LinearModel(json);
    const probabilities = linear.predict(features);
    return linear.labels[probabilities.indexOf(Math.max(...probabilities))] as string;
  };
  return { who: read(model.who), tenure: read(model.tenure), problem: read(model.problem) };
}

export function rankExamples(
  cases: readonly TuningCase[],
  service: AdviceService,
  diagnoses: ReadonlyMap<string, Diagnosis>,
) {
  return cases
    .filter((item) => item.scenario.scope === "in" && item.judged && USES[item.kind].rank)
    .flatMap((item) =>
      item.candidates.map((id) => ({
        features: service.ranker.features(id, {
          ...item.context,
          diagnosis: diagnoses.get(item.scenario.id) as Diagnosis,
        }),
        label: item.judgment.useful.has(id) ? "useful" : item.judgment.partial.has(id) ? "partial" : "irrelevant",
        group: item.scenario.id,
      })),
    );
}

/** The scope model: in-scope scenarios against near and out ones, over `scopeFeatures`. */
export function trainScope(cases: readonly TuningCase[], settings: AdviceSettings): LinearModelJson {
  return trainLinearModel(
    cases
      .filter((item) => USES[item.kind].scope)
      .map((item) => ({ features: item.scopeFeatures, label: item.scenario.scope === "in" ? "in" : "out" })),
    ["in", "out"],
    settings.rank.scopeTraining,
  );
}

/** Each writer's scenarios' chance of being covered, by a scope model trained on the other writers. */
export function crossFittedCoverage(cases: readonly TuningCase[], settings: AdviceSettings): Map<string, number> {
  const coverage = new Map<string, number>();
  for (const writer of new Set(cases.map((item) => item.scenario.writer))) {
    const model = new LinearModel(
      trainScope(
        cases.filter((item) => item.scenario.writer !== writer),
        settings,
      ),
    );
    for (const item of cases.filter((candidate) => candidate.scenario.writer === writer))
      coverage.set(item.scenario.id, model.predict(item.scopeFeatures)[model.labels.indexOf("in")] ?? 0);
  }
  return coverage;
}

/**
 * The ranker ensemble: `rank.bag` models, each trained (with its own shuffling seed) on a bootstrap resample of the
 * examples, drawn as Poisson(1) weights per scenario so a scenario's candidates stay together.
 */
export function trainRanker(examples: ReturnType<typeof rankExamples>, settings: AdviceSettings): LinearModelJson[] {
  const training = settings.rank.training;
  return Array.from({ length: settings.rank.bag }, (_, index) => {
    if (settings.rank.bag === 1) return trainLinearModel(examples, RANK_LABELS, training);
    const random = seededRandom(training.seed + 1000 * (index + 1));
    const draws = new Map<string, number>();
    const resampled = examples.map((example) => {
      let draw = draws.get(example.group);
      if (draw === undefined) {
        draw = poisson(random);
        draws.set(example.group, draw);
      }
      return { ...example, weight: draw };
    });
    return trainLinearModel(resampled, RANK_LABELS, { ...training, seed: training.seed + index });
  });
}

/** A Poisson(1) draw (Knuth): how many times a scenario is in a bootstrap resample. */
function poisson(random: () => number): number {
  const limit = Math.exp(-1);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

/**
 * What the answer would quote, as `AdviceService.prepare` and the offline composer choose it: the quotable passages
 * by fit (a passage with nothing quotable handing its fit to its section), the best one and every other reaching
 * `minFit`, at most `passages`; then the steps as the composer plans them (`stepPlan`).
 */
export function planAnswer(
  fits: ReadonlyMap<string, number>,
  settings: AdviceSettings,
  focus: readonly string[] = [],
  quotable: (id: string) => boolean = () => true,
  sectionPassages: (id: string) => readonly string[] = () => [],
) {
  const quoted = quotableFits(fits, quotable, sectionPassages);
  const ranked = [...quoted].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const kept = keptPassages(ranked, quoted, settings, focus);
  // Each passage is taken to have `rounds` quotable sentences: the end-to-end figure counts the real ones.
  const steps = stepPlan(
    kept.map(() => settings.steps.rounds),
    settings.steps,
  ).map((index) => [kept[index] as string]);
  return { citations: kept, steps };
}

export function answeredCase(
  item: TuningCase,
  plan: ReturnType<typeof planAnswer> | undefined,
  diagnosis: Record<Field, string>,
  abstained: boolean,
): AnsweredCase {
  return {
    scenario: item.scenario,
    judgment: item.judgment,
    abstained,
    steps: abstained || !plan ? [] : plan.steps,
    citations: abstained || !plan ? [] : plan.citations,
    diagnosis,
  };
}

/** Trains the shipped model on every tuning writer. */
export async function trainShippedAdviceModel(): Promise<AdviceModelJson> {
  const deps = await realAppDeps();
  const service = deps.advice;
  const settings = service.settings;
  const cases = await loadTuningCases(service);
  const diagnosis = trainDiagnosis(cases, settings);
  if (!diagnosis) throw new Error("no diagnosis model");
  // The ranker learns from the diagnosis as the product will read it on a writer it has not met: each writer's
  // scenarios diagnosed by a model trained on the other writers.
  const diagnoses = crossFittedDiagnoses(cases, settings);
  const rank = trainRanker(rankExamples(adviceOnly(cases), service, diagnoses), settings);
  const scope = trainScope(adviceOnly(cases), settings);
  const conversation = {
    rank: trainRanker(rankExamples(cases, service, diagnoses), settings),
    scope: trainScope(cases, settings),
  };
  return {
    trainedOn: hashFiles([
      ...tuningFiles(),
      "corpus/passage-situations.tsv",
      "prompts/advice-settings.json",
      "prompts/diagnosis.json",
    ]),
    diagnosis,
    rank,
    scope,
    conversation,
  };
}

/**
 * Each writer's scenarios diagnosed by a model trained on the others. A follow-up read alone is ranked, as in the
 * product, by the diagnosis of its reading with the turn before.
 */
export function crossFittedDiagnoses(cases: readonly TuningCase[], settings: AdviceSettings): Map<string, Diagnosis> {
  const diagnoses = new Map([...crossFittedLabels(cases, settings)].map(([id, labels]) => [id, diagnosisOf(labels)]));
  for (const item of cases)
    if (item.kind === "chat-alone") {
      const withTurn = diagnoses.get(`${item.source}#with`);
      if (withTurn) diagnoses.set(item.scenario.id, withTurn);
    }
  return diagnoses;
}

export function crossFittedLabels(cases: readonly TuningCase[], settings: AdviceSettings) {
  const labels = new Map<string, Record<Field, string>>();
  for (const writer of new Set(cases.map((item) => item.scenario.writer))) {
    const model = trainDiagnosis(
      cases.filter((item) => item.scenario.writer !== writer),
      settings,
    );
    if (!model) continue;
    for (const item of cases.filter((candidate) => candidate.scenario.writer === writer))
      labels.set(item.scenario.id, predictDiagnosis(model, item.diagnosisFeatures));
  }
  return labels;
}
