import { readFileSync } from "node:fs";
import { LinearModel } from "../../src/coach/fabe/linear-model.js";
import { callFeatures } from "../../src/coach/roleplay/call-model.js";
import type { Mode } from "../../src/coach/roleplay/persona.js";
import { CALLS, type Call } from "../../src/coach/roleplay/simulate.js";
import { toTraditional } from "../../src/lib/script.js";
import {
  CALL_LABEL_SETS,
  callExamplesOf,
  loadCalls,
  loadTurns,
  makeTurnReader,
  readRoleplaySettings,
  trainCallModel,
  turnSetOf,
} from "../roleplay-training.js";
import { loadScripts } from "../suites/roleplay-scripts.js";

/**
 * `npx tsx evals/roleplay/call-lowo.ts [--scripts]`: how well the call model (what a turn calls for,
 * docs/roleplay-call-guide.md) holds on a writer it never saw. For each turn writer with call labels
 * (evals/roleplay/calls/), trained on the others and scored on that one: accuracy and macro-F1 over answer, decide
 * and none, and each language's accuracy. `--scripts` also scores a model trained on every labelled writer against
 * the dev scripts' expected replies (answer → answer; accept or counter → decide), a second, independent check.
 */
const settings = readRoleplaySettings();
const reader = await makeTurnReader(settings);
const calls = loadCalls();
const writers = CALL_LABEL_SETS.map(turnSetOf).map((file) => {
  const turns = loadTurns(file);
  return { file, turns, examples: callExamplesOf(turns, calls, reader) };
});

interface Scores {
  accuracy: number;
  macroF1: number;
  perClass: Record<Call, { precision: number; recall: number; f1: number }>;
}

function score(gold: readonly Call[], predicted: readonly Call[]): Scores {
  const perClass = Object.fromEntries(
    CALLS.map((call) => {
      const tp = gold.filter((g, i) => g === call && predicted[i] === call).length;
      const fp = predicted.filter((p, i) => p === call && gold[i] !== call).length;
      const fn = gold.filter((g, i) => g === call && predicted[i] !== call).length;
      const precision = tp + fp ? tp / (tp + fp) : 0;
      const recall = tp + fn ? tp / (tp + fn) : 0;
      return [
        call,
        { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 },
      ];
    }),
  ) as Scores["perClass"];
  return {
    accuracy: gold.filter((g, i) => g === predicted[i]).length / Math.max(1, gold.length),
    macroF1: CALLS.reduce((sum, call) => sum + perClass[call].f1, 0) / CALLS.length,
    perClass,
  };
}

const predictWith = (model: LinearModel, features: Parameters<LinearModel["predict"]>[0]) => {
  const p = model.predict(features);
  return model.labels[p.indexOf(Math.max(...p))] as Call;
};
const round = (value: number) => value.toFixed(3);

console.log("| held out | turns | accuracy | macro-F1 | zh-Hant | zh-Hans | en |");
console.log("|---|---|---|---|---|---|---|");
const pooledGold: Call[] = [];
const pooledPredicted: Call[] = [];
const pooledLang: string[] = [];
let accuracySum = 0;
let f1Sum = 0;
for (const held of writers) {
  const model = new LinearModel(
    trainCallModel(
      writers.filter((writer) => writer !== held).flatMap((writer) => writer.examples),
      settings,
    ),
  );
  const gold = held.examples.map((example) => example.label as Call);
  const predicted = held.examples.map((example) => predictWith(model, example.features));
  const langs = held.turns.filter((turn) => calls.has(turn.id)).map((turn) => turn.lang);
  pooledGold.push(...gold);
  pooledPredicted.push(...predicted);
  pooledLang.push(...langs);
  const scores = score(gold, predicted);
  accuracySum += scores.accuracy;
  f1Sum += scores.macroF1;
  const byLang = (lang: string) => {
    const at = langs.flatMap((l, i) => (l === lang ? [i] : []));
    return at.length ? round(at.filter((i) => gold[i] === predicted[i]).length / at.length) : "–";
  };
  console.log(
    `| ${held.file.split("/").pop()} | ${gold.length} | ${round(scores.accuracy)} | ${round(scores.macroF1)} | ${byLang("zh-Hant")} | ${byLang("zh-Hans")} | ${byLang("en")} |`,
  );
}
const pooled = score(pooledGold, pooledPredicted);
console.log(
  `mean over ${writers.length} writers: accuracy ${round(accuracySum / writers.length)}, macro-F1 ${round(f1Sum / writers.length)}; pooled: accuracy ${round(pooled.accuracy)}, macro-F1 ${round(pooled.macroF1)}; ${CALLS.map((call) => `${call} P ${round(pooled.perClass[call].precision)} R ${round(pooled.perClass[call].recall)}`).join(", ")}`,
);
for (const lang of ["zh-Hant", "zh-Hans", "en"]) {
  const at = pooledLang.flatMap((l, i) => (l === lang ? [i] : []));
  const s = score(
    at.map((i) => pooledGold[i] as Call),
    at.map((i) => pooledPredicted[i] as Call),
  );
  console.log(`  ${lang}: accuracy ${round(s.accuracy)}, macro-F1 ${round(s.macroF1)} (${at.length} turns)`);
}

if (process.argv.includes("--scripts")) {
  const model = new LinearModel(
    trainCallModel(
      writers.flatMap((writer) => writer.examples),
      settings,
    ),
  );
  const scripts = loadScripts(new URL("scripts/dev.jsonl", import.meta.url).pathname);
  const personaMode = (persona: string): Mode =>
    JSON.parse(readFileSync(new URL(`../../prompts/personas/${persona}.json`, import.meta.url), "utf8")).mode;
  const gold: Call[] = [];
  const predicted: Call[] = [];
  for (const script of scripts)
    for (const turn of script.turns) {
      const mode = personaMode(script.persona);
      gold.push(turn.reply === "answer" ? "answer" : turn.reply === "any" ? "none" : "decide");
      predicted.push(predictWith(model, callFeatures(reader.sentences(turn.text, mode), mode, toTraditional)));
    }
  const s = score(gold, predicted);
  console.log(
    `dev scripts (${gold.length} turns; "any" counted as none): accuracy ${round(s.accuracy)}; ${CALLS.map((call) => `${call} P ${round(s.perClass[call].precision)} R ${round(s.perClass[call].recall)}`).join(", ")}`,
  );
}
