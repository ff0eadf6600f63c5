import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { classify } from "../src/coach/fabe/classify.js";
import { FabeCues, LABELS, type Label } from "../src/coach/fabe/cues.js";
import { ADDRESSED_LABELS, type FabeModelJson, NO_VIOLATION, SENTENCE_RULES } from "../src/coach/fabe/fabe-model.js";
import { type FabeSettings, FabeSettingsSchema } from "../src/coach/fabe/fabe-settings.js";
import { type Features, sentenceFeatures } from "../src/coach/fabe/features.js";
import { FabeLabeller } from "../src/coach/fabe/labeller.js";
import {
  type AnyOfExample,
  type TrainingExample,
  type TrainingSettings,
  trainAnyOfModel,
  trainLinearModel,
} from "../src/coach/fabe/linear-model.js";
import { PitchSplitter } from "../src/coach/fabe/split.js";
import { addressedFeatures, customerNamer } from "../src/coach/fabe/violations.js";
import { toTraditional } from "../src/lib/script.js";
import { type FabeCase, loadFabeCases } from "./suites/fabe.js";

/**
 * The FABE models are trained on the training writers' sets (evals/fabe/writers/NN.jsonl), each written and
 * labelled by an independent writer from docs/fabe-labelling-guide.md and one style brief. The blind sets
 * (evals/fabe/blind/) are never trained on. Leave-one-writer-out (evals/fabe/leave-one-writer-out.ts) trains the
 * same way on eleven writers and scores the twelfth.
 */
const evalsDir = fileURLToPath(new URL(".", import.meta.url));
const root = join(evalsDir, "..");
const writersDir = join(evalsDir, "fabe", "writers");

export const WRITER_SETS = readdirSync(writersDir)
  .filter((name) => /^\d+\.jsonl$/.test(name))
  .sort()
  .map((name) => `evals/fabe/writers/${name}`);

export function readCues(): FabeCues {
  return new FabeCues(JSON.parse(readFileSync(join(root, "prompts", "fabe-cues.json"), "utf8")), toTraditional);
}

/** The rules' thresholds and the features' shape the labeller is trained with: the ones the product runs with. */
export function readSettings(): FabeSettings {
  return FabeSettingsSchema.parse(JSON.parse(readFileSync(join(root, "prompts", "fabe-settings.json"), "utf8")));
}

export function loadSets(files: readonly string[]): FabeCase[] {
  return files.flatMap((file) => loadFabeCases(join(root, file)));
}

export interface Examples {
  sentences: TrainingExample[];
  violations: TrainingExample[];
  /** Each pitch's gold labels, sentence by sentence as the splitter cut it. */
  sequences: Label[][];
  /** Each pitch's sentences as the addressed model reads them, and whether its writer found it speaks to the customer. */
  pitches: AnyOfExample[];
}

/**
 * Training examples as the product sees a pitch: the splitter's sentences (in a run-on pitch, its clauses), each
 * labelled with the gold sentence it overlaps most, and with the violation whose quote it holds (or none). Training
 * on what inference sees keeps a run-on's clauses from being a shape the model never met.
 */
export function examplesOf(cases: readonly FabeCase[], cues: FabeCues, settings: FabeSettings): Examples {
  const splitter = new PitchSplitter(settings.split);
  const examples: Examples = { sentences: [], violations: [], sequences: [], pitches: [] };
  const labeller = new FabeLabeller(cues, toTraditional, settings);
  const namesCustomer = customerNamer(settings.violations.addressed);
  for (const item of cases) {
    const spans = splitter.split(item.pitch);
    const texts = spans.map((span) => span.text);
    const ruleLabels = texts.map((text) => classify(text, cues, settings.rules).label);
    const gold = locate(
      item.pitch,
      item.sentences.map((sentence) => sentence.text),
    );
    const quotes = item.violations
      .filter((violation) => (SENTENCE_RULES as readonly string[]).includes(violation.rule))
      .map((violation) => ({ rule: violation.rule, ...locate(item.pitch, [violation.quote])[0]! }));
    const sequence: Label[] = [];
    const addressed: Features[] = [];
    spans.forEach((span, index) => {
      const features = sentenceFeatures(texts, ruleLabels, index, cues, toTraditional, settings.features);
      addressed.push(
        addressedFeatures(features, { addresses: labeller.addresses(span.text), names: namesCustomer.test(span.text) }),
      );
      const best = mostOverlapping(span, gold);
      if (best >= 0) {
        examples.sentences.push({ features, label: item.sentences[best]?.label as string });
        sequence.push(item.sentences[best]?.label as Label);
      }
      if (best >= 0 && spans.length > 1) {
        const alone = sentenceFeatures([span.text], [ruleLabels[index]!], 0, cues, toTraditional, settings.features);
        // Also learned alone (as a pitch of one): role-play reads a rep's message sentence by sentence.
        examples.sentences.push({
          features: alone,
          label: item.sentences[best]?.label as string,
          weight: settings.training.aloneWeight,
          counted: false,
        });
      }
      const quote = quotes.find((candidate) => overlap(span, candidate) > 0);
      // A violation is rare (about one sentence in thirty): it counts `violationWeight` times, so the model
      // does not learn that "none" is always the safe answer.
      examples.violations.push(
        quote
          ? { features, label: quote.rule, weight: settings.training.violationWeight }
          : { features, label: NO_VIOLATION },
      );
    });
    examples.sequences.push(sequence);
    examples.pitches.push({
      sentences: addressed,
      any: !item.violations.some((violation) => violation.rule === "no-customer"),
    });
  }
  return examples;
}

/** Both models trained on the given cases: what `prompts/fabe-model.json` holds, without its provenance. */
export function trainModels(
  cases: readonly FabeCase[],
  settings: FabeSettings = readSettings(),
): Omit<FabeModelJson, "trainedOn"> {
  return trainOnExamples(examplesOf(cases, readCues(), settings), settings.training);
}

/** Both models from examples made beforehand (leave-one-writer-out makes each writer's once). */
export function trainOnExamples(
  examples: Examples,
  training: TrainingSettings = readSettings().training,
): Omit<FabeModelJson, "trainedOn"> {
  return {
    sentences: trainLinearModel(examples.sentences, LABELS, training),
    violations: trainLinearModel(examples.violations, [NO_VIOLATION, ...SENTENCE_RULES], training),
    addressed: trainAnyOfModel(examples.pitches, ADDRESSED_LABELS, training, training.violationWeight),
    transitions: countTransitions(examples.sequences),
  };
}

/**
 * How often each label follows another (from `start`, to `end`) in pitches of more than one sentence, add-one
 * smoothed, as log-probabilities to three decimals. A pitch of one sentence has no order to learn from.
 */
export function countTransitions(sequences: readonly Label[][]): number[][] {
  const size = LABELS.length + 1;
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(1));
  const at = (label: Label) => LABELS.indexOf(label);
  for (const sequence of sequences) {
    if (sequence.length < 2) continue;
    let from = 0;
    for (const label of sequence) {
      (counts[from] as number[])[at(label)]! += 1;
      from = at(label) + 1;
    }
    (counts[from] as number[])[size - 1]! += 1;
  }
  return counts.map((row) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return row.map((count) => Math.round(Math.log(count / total) * 1000) / 1000);
  });
}

/** The model `prompts/fabe-model.json` should hold: trained on every training writer, with how it was made. */
export function trainShippedModel(): FabeModelJson {
  const settings = readSettings();
  const models = trainModels(loadSets(WRITER_SETS), settings);
  // The cue file and the settings are inputs too: the features and the splitter's sentences are made from them.
  const sha256 = hashFiles([...WRITER_SETS, "prompts/fabe-cues.json", "prompts/fabe-settings.json"]);
  return {
    ...models,
    trainedOn: {
      files: [...WRITER_SETS],
      sha256,
      settings: { ...settings.training },
    },
  };
}

/** The SHA-256 of the files (paths from the repository's root), read in order: what a model was made from. */
export function hashFiles(files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(join(root, file)));
  return hash.digest("hex");
}

export interface Located {
  start: number;
  end: number;
}

/** Where each text stands in the pitch, searched in order (a text not found gets an empty span). */
export function locate(pitch: string, texts: readonly string[]): Located[] {
  let cursor = 0;
  return texts.map((text) => {
    let start = pitch.indexOf(text, cursor);
    if (start < 0) start = pitch.indexOf(text);
    if (start < 0) return { start: 0, end: 0 };
    cursor = start + text.length;
    return { start, end: start + text.length };
  });
}

function overlap(a: Located, b: Located): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

function mostOverlapping(span: Located, candidates: readonly Located[]): number {
  let best = -1;
  let bestOverlap = 0;
  candidates.forEach((candidate, index) => {
    const amount = overlap(span, candidate);
    if (amount > bestOverlap) {
      bestOverlap = amount;
      best = index;
    }
  });
  return best;
}
