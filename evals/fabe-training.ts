import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { classify } from "../src/coach/fabe/classify.js";
import { FabeCues } from "../src/coach/fabe/cues.js";
import { type FabeSettings, FabeSettingsSchema } from "../src/coach/fabe/fabe-settings.js";
import { sentenceFeatures } from "../src/coach/fabe/features.js";
import {
  DEFAULT_TRAINING,
  type LinearModelJson,
  type TrainingExample,
  trainLinearModel,
} from "../src/coach/fabe/linear-model.js";
import { toTraditional } from "../src/lib/script.js";
import { type FabeCase, loadFabeCases } from "./suites/fabe.js";

/**
 * The FABE labeller is trained on the tuning sets only, each written and labelled by a different helper from
 * one guide. The gate (fabe.jsonl) is never trained on. dev5 to dev8 were written after the rules were tuned,
 * so the rules have never seen them; dev7 and dev8 came last, after the labeller was designed, so
 * `npm run fabe:train` first trains without them and reports how the model does on them, then trains on all
 * eight for the shipped model.
 */
export const TRAINING_SETS = [
  "fabe-dev.jsonl",
  "fabe-dev2.jsonl",
  "fabe-dev3.jsonl",
  "fabe-dev4.jsonl",
  "fabe-dev5.jsonl",
  "fabe-dev6.jsonl",
  "fabe-dev7.jsonl",
  "fabe-dev8.jsonl",
];
export const HELD_OUT_SETS = ["fabe-dev7.jsonl", "fabe-dev8.jsonl"];

const evalsDir = fileURLToPath(new URL(".", import.meta.url));
const root = join(evalsDir, "..");

export function readCues(): FabeCues {
  return new FabeCues(JSON.parse(readFileSync(join(root, "prompts", "fabe-cues.json"), "utf8")), toTraditional);
}

/** The rules' thresholds and the features' shape the labeller is trained with: the ones the product runs with. */
export function readSettings(): FabeSettings {
  return FabeSettingsSchema.parse(JSON.parse(readFileSync(join(root, "prompts", "fabe-settings.json"), "utf8")));
}

export function loadSets(names: readonly string[]): FabeCase[] {
  return names.flatMap((name) => loadFabeCases(join(evalsDir, name)));
}

export function examplesOf(cases: readonly FabeCase[], cues: FabeCues, settings: FabeSettings): TrainingExample[] {
  return cases.flatMap((item) => {
    const texts = item.sentences.map((sentence) => sentence.text);
    const ruleLabels = texts.map((text) => classify(text, cues, settings.rules).label);
    return item.sentences.map((sentence, index) => ({
      features: sentenceFeatures(texts, ruleLabels, index, cues, toTraditional, settings.features),
      label: sentence.label,
    }));
  });
}

/** The model `prompts/fabe-model.json` should hold: trained on every tuning set, with how it was made. */
export function trainShippedModel(): LinearModelJson {
  const cues = readCues();
  const model = trainLinearModel(examplesOf(loadSets(TRAINING_SETS), cues, readSettings()), DEFAULT_TRAINING);
  // The cue file is an input too: the features are made from it. prompts/fabe-settings.json's `rules` and
  // `features` are inputs as well but not hashed: a change to them changes the weights, which --check compares.
  const hash = createHash("sha256");
  for (const file of [...TRAINING_SETS.map((name) => join(evalsDir, name)), join(root, "prompts", "fabe-cues.json")])
    hash.update(readFileSync(file));
  return {
    ...model,
    trainedOn: {
      files: TRAINING_SETS.map((name) => `evals/${name}`),
      sha256: hash.digest("hex"),
      settings: { ...DEFAULT_TRAINING },
    },
  };
}
