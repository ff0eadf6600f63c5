import { z } from "zod";
import { LABELS, type Label } from "./cues.js";
import type { Features } from "./features.js";

/** prompts/fabe-model.json: a multinomial logistic regression over named features. */
export const LinearModelSchema = z.object({
  labels: z.array(z.enum(LABELS)).length(LABELS.length),
  bias: z.array(z.number()).length(LABELS.length),
  /** Feature name → one weight per label, in `labels` order. */
  weights: z.custom<Record<string, number[]>>(isWeightTable, {
    message: `weights must map each feature name to ${LABELS.length} finite numbers`,
  }),
  /** How it was made: the training files and their hash, the settings, the figures on held-out sets. */
  trainedOn: z.object({ files: z.array(z.string()), sha256: z.string(), settings: z.record(z.string(), z.number()) }),
});
export type LinearModelJson = z.infer<typeof LinearModelSchema>;

/**
 * The weight table checked in place: it has tens of thousands of entries, and a zod record would copy every one
 * of them at each start to return the same numbers.
 */
function isWeightTable(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const weights of Object.values(value)) {
    if (!Array.isArray(weights) || weights.length !== LABELS.length) return false;
    for (const weight of weights) if (typeof weight !== "number" || !Number.isFinite(weight)) return false;
  }
  return true;
}

export interface TrainingExample {
  features: Features;
  label: Label;
}

export interface TrainingSettings {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingSettings = { epochs: 30, rate: 0.05, l2: 1e-4, seed: 1 };

export class LinearModel {
  constructor(private readonly json: Pick<LinearModelJson, "labels" | "bias" | "weights">) {}

  /** Probabilities per label (softmax), in LABELS order. */
  predict(features: Features): number[] {
    const scores = [...this.json.bias];
    for (const [name, value] of features) {
      const weights = this.json.weights[name];
      if (!weights) continue;
      for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) + (weights[k] as number) * value;
    }
    return softmax(scores);
  }
}

/**
 * Stochastic gradient descent with L2, deterministic: the same examples and settings give the same weights,
 * so the shipped model can be checked against a fresh training run. Weights under 1e-3 are dropped and the
 * rest rounded to 4 decimals, to keep the file small.
 */
export function trainLinearModel(
  examples: readonly TrainingExample[],
  settings: TrainingSettings = DEFAULT_TRAINING,
): Pick<LinearModelJson, "labels" | "bias" | "weights"> {
  const bias = LABELS.map(() => 0);
  const weights = new Map<string, number[]>();
  for (const example of examples)
    for (const name of example.features.keys())
      if (!weights.has(name))
        weights.set(
          name,
          LABELS.map(() => 0),
        );
  let state = settings.seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const order = examples.map((_, index) => index);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const example = examples[index] as TrainingExample;
      const scores = [...bias];
      for (const [name, value] of example.features) {
        const row = weights.get(name) as number[];
        for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) + (row[k] as number) * value;
      }
      const probabilities = softmax(scores);
      const target = LABELS.indexOf(example.label);
      for (let k = 0; k < LABELS.length; k++) {
        const gradient = (probabilities[k] as number) - (k === target ? 1 : 0);
        bias[k] = (bias[k] as number) - settings.rate * gradient;
        for (const [name, value] of example.features) {
          const row = weights.get(name) as number[];
          row[k] = (row[k] as number) * (1 - settings.rate * settings.l2) - settings.rate * gradient * value;
        }
      }
    }
  }
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  const kept: Record<string, number[]> = {};
  for (const [name, row] of [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (row.some((weight) => Math.abs(weight) >= 1e-3)) kept[name] = row.map(round);
  }
  return { labels: [...LABELS], bias: bias.map(round), weights: kept };
}

function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}
