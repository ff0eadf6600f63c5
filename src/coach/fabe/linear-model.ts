import { z } from "zod";
import type { Features } from "./features.js";

/**
 * A multinomial logistic regression over named features (prompts/fabe-model.json holds the sentence labeller and
 * the violation finder). Weights are integers (`scale` per unit) in one flat list, `labels.length` per feature in
 * `features` order: the file parses in a third of the time of a table of small arrays, and the weights then sit in
 * one typed array instead of tens of thousands of arrays (a faster start, a smaller server).
 */
export const LinearModelSchema = z
  .object({
    labels: z.array(z.string().min(1)).min(2),
    /** Weights and bias are stored as integers: the real value is the integer divided by this. */
    scale: z.number().positive(),
    bias: z.array(z.number().int()),
    /** The feature names, in the order of their rows in `weights`. */
    features: z.custom<string[]>((value) => Array.isArray(value) && value.every((name) => typeof name === "string"), {
      message: "features must be a list of names",
    }),
    /** One row of `labels.length` integers per feature, flattened. */
    weights: z.custom<number[]>(isIntegerList, { message: "weights must be a list of integers within ±32767" }),
  })
  .superRefine((model, context) => {
    if (model.bias.length !== model.labels.length)
      context.addIssue({ code: "custom", path: ["bias"], message: `bias needs ${model.labels.length} numbers` });
    if (model.weights.length !== model.features.length * model.labels.length)
      context.addIssue({
        code: "custom",
        path: ["weights"],
        message: `weights need ${model.labels.length} per feature (${model.features.length} features)`,
      });
  });
export type LinearModelJson = z.infer<typeof LinearModelSchema>;

/**
 * The weight list checked in place: it has hundreds of thousands of entries, and a zod array would copy every one
 * of them at each start to return the same numbers.
 */
function isIntegerList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const weight of value) if (!Number.isInteger(weight) || Math.abs(weight as number) > 32767) return false;
  return true;
}

export interface TrainingExample {
  features: Features;
  label: string;
  /** How much the example counts (default 1): rare labels can be made to count more. */
  weight?: number;
  /** False for an example made from another (a sentence learned alone too): its features do not count twice. */
  counted?: false;
}

/** Weights are stored as integers in hundredths. */
const SCALE = 100;
/** A feature none of whose weights exceeds this many hundredths is left out: it moves no score by more than 0.02. */
const NEGLIGIBLE = 2;

/** How the FABE models are trained: prompts/fabe-settings.json `training` (docs/tuning.md). */
export interface TrainingSettings {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
  /** Features seen in fewer training examples than this are left out (they are one writer's habits, and weigh). */
  minCount: number;
  /**
   * How much a sentence that breaks a principle counts in training the violation model, and a pitch that speaks to
   * nobody (`no-customer`) in training the addressed model: both are rare.
   */
  violationWeight: number;
  /** How much each sentence counts when learned again alone, as a pitch of one. */
  aloneWeight: number;
}

export class LinearModel {
  readonly labels: readonly string[];
  private readonly bias: readonly number[];
  private readonly scale: number;
  /** Feature name → where its row starts in `weights`. */
  private readonly rows = new Map<string, number>();
  private readonly weights: Int16Array;

  /** Keeps nothing of `json` but copies: the parsed file's big arrays can be collected after the start. */
  constructor(json: LinearModelJson) {
    this.labels = [...json.labels];
    this.bias = [...json.bias];
    this.scale = json.scale;
    json.features.forEach((name, index) => {
      this.rows.set(name, index * json.labels.length);
    });
    this.weights = Int16Array.from(json.weights);
  }

  /** Probabilities per label (softmax), in `labels` order: one label per example. */
  predict(features: Features): number[] {
    return softmax(this.scores(features));
  }

  /**
   * Each label's own probability (a sigmoid per label), in `labels` order: for a model trained with
   * `trainMultiLabelModel`, where an example can carry several labels at once.
   */
  predictEach(features: Features): number[] {
    return this.scores(features).map(sigmoid);
  }

  private scores(features: Features): number[] {
    const scores = [...this.bias];
    const width = scores.length;
    for (const [name, value] of features) {
      const row = this.rows.get(name);
      if (row === undefined) continue;
      for (let k = 0; k < width; k++) scores[k] = (scores[k] as number) + (this.weights[row + k] as number) * value;
    }
    return scores.map((score) => score / this.scale);
  }
}

/**
 * Stochastic gradient descent with L2, deterministic: the same examples and settings give the same weights,
 * so the shipped model can be checked against a fresh training run. Weights are kept to two decimals, as integers
 * (`scale` 100), and a feature whose weights are all within ±0.02 is dropped: the file is a quarter of the size and
 * the Workers bundle stays under its limit (what this changes on the training writers: docs/fabe.md). The examples
 * are turned into index arrays once: the inner loop then touches typed arrays only.
 */
export function trainLinearModel(
  examples: readonly TrainingExample[],
  labels: readonly string[],
  settings: Pick<TrainingSettings, "epochs" | "rate" | "l2" | "seed" | "minCount">,
  /**
   * How the weights are stored, as `trainMultiLabelModel` takes them: weights within `negligible` as 0, in `scale`
   * steps per unit (the role-play call model: coarser steps compress far better, for the Worker's size).
   */
  stored: { negligible?: number; scale?: number } = {},
): LinearModelJson {
  const width = labels.length;
  const { names, active } = indexFeatures(
    examples.filter((example) => example.counted !== false),
    settings.minCount,
  );
  const rows = examples.map((example) => {
    const { ids, values } = active(example.features);
    const target = labels.indexOf(example.label);
    if (target < 0) throw new Error(`training example labelled ${example.label}: not one of ${labels.join(", ")}`);
    return { ids, values, target, weight: example.weight ?? 1 };
  });
  const bias = new Float64Array(width);
  const weights = new Float64Array(names.length * width);
  const scores = new Float64Array(width);
  const decay = 1 - settings.rate * settings.l2;
  forEachShuffled(rows, settings, (row) => {
    for (let k = 0; k < width; k++) scores[k] = bias[k] as number;
    for (let f = 0; f < row.ids.length; f++) {
      const base = (row.ids[f] as number) * width;
      const value = row.values[f] as number;
      for (let k = 0; k < width; k++) scores[k] = (scores[k] as number) + (weights[base + k] as number) * value;
    }
    const probabilities = softmax([...scores]);
    for (let k = 0; k < width; k++) {
      const gradient = row.weight * ((probabilities[k] as number) - (k === row.target ? 1 : 0));
      bias[k] = (bias[k] as number) - settings.rate * gradient;
      for (let f = 0; f < row.ids.length; f++) {
        const at = (row.ids[f] as number) * width + k;
        weights[at] = (weights[at] as number) * decay - settings.rate * gradient * (row.values[f] as number);
      }
    }
  });
  return roundedModel(labels, names, bias, weights, stored.negligible, stored.scale);
}

export interface MultiLabelExample {
  features: Features;
  /** Every label the example carries (none at all is allowed: a sentence that makes no move). */
  labels: readonly string[];
}

/**
 * Logistic regressions, one per label, trained together over the same features (a sentence can make several
 * moves at once): stochastic gradient descent with L2, deterministic, weights stored as `trainLinearModel` stores
 * them. Read with `LinearModel.predictEach`.
 */
export function trainMultiLabelModel(
  examples: readonly MultiLabelExample[],
  labels: readonly string[],
  settings: Pick<TrainingSettings, "epochs" | "rate" | "l2" | "seed" | "minCount">,
  /** How much an example counts for a label it carries, against 1 for one it does not (labels are rare). */
  positiveWeight = 1,
  /** A weight within this (in the model's units) is stored as 0, to keep the file small. */
  negligible = NEGLIGIBLE / SCALE,
  /**
   * Steps per unit the weights are stored in (100: two decimals). Coarser steps repeat the same few numbers, so the
   * file compresses far better (the role-play model, for the Worker's size limit).
   */
  scale = SCALE,
): LinearModelJson {
  const width = labels.length;
  const { names, active } = indexFeatures(examples, settings.minCount);
  const rows = examples.map((example) => {
    const targets = new Float64Array(width);
    for (const label of example.labels) {
      const at = labels.indexOf(label);
      if (at < 0) throw new Error(`training example labelled ${label}: not one of ${labels.join(", ")}`);
      targets[at] = 1;
    }
    return { ...active(example.features), targets };
  });
  const bias = new Float64Array(width);
  const weights = new Float64Array(names.length * width);
  const decay = 1 - settings.rate * settings.l2;
  forEachShuffled(rows, settings, (row) => {
    for (let k = 0; k < width; k++) {
      let score = bias[k] as number;
      for (let f = 0; f < row.ids.length; f++)
        score += (weights[(row.ids[f] as number) * width + k] as number) * (row.values[f] as number);
      const target = row.targets[k] as number;
      const gradient = (sigmoid(score) - target) * (target === 1 ? positiveWeight : 1);
      bias[k] = (bias[k] as number) - settings.rate * gradient;
      for (let f = 0; f < row.ids.length; f++) {
        const at = (row.ids[f] as number) * width + k;
        weights[at] = (weights[at] as number) * decay - settings.rate * gradient * (row.values[f] as number);
      }
    }
  });
  return roundedModel(labels, names, bias, weights, negligible, scale);
}

export interface AnyOfExample {
  /** The features of each sentence of a pitch. */
  sentences: readonly Features[];
  /** Whether at least one of the sentences has the property (the pitch's label; which sentence is not known). */
  any: boolean;
}

/**
 * One logistic regression over sentences, learned from labels on whole pitches: a pitch has the property when at
 * least one of its sentences has it (noisy-or, P(pitch) = 1 − Π(1 − p(sentence))). The writers say whether a pitch
 * speaks to the customer at all, not which sentence does; this learns which sentences do from that. Stored as a
 * two-label model whose first label's weights are all 0 (`LinearModel.predict` then gives the sentence's
 * probability as the second), deterministic like `trainLinearModel`.
 */
export function trainAnyOfModel(
  examples: readonly AnyOfExample[],
  labels: readonly [string, string],
  settings: Pick<TrainingSettings, "epochs" | "rate" | "l2" | "seed" | "minCount">,
  /** How much a pitch without the property counts (rare: pitches that speak to nobody). */
  noneWeight = 1,
): LinearModelJson {
  const { names, active } = indexFeatures(
    examples.flatMap((example) => example.sentences.map((features) => ({ features }))),
    settings.minCount,
  );
  const rows = examples.map((example) => ({ sentences: example.sentences.map(active), any: example.any }));
  let bias = 0;
  const weights = new Float64Array(names.length);
  const decay = 1 - settings.rate * settings.l2;
  forEachShuffled(rows, settings, (row) => {
    const probabilities = row.sentences.map(({ ids, values }) => {
      let score = bias;
      for (let f = 0; f < ids.length; f++) score += (weights[ids[f] as number] as number) * (values[f] as number);
      return sigmoid(score);
    });
    // Q: the probability that no sentence has the property.
    const none = probabilities.reduce((product, p) => product * (1 - p), 1);
    row.sentences.forEach(({ ids, values }, s) => {
      const p = probabilities[s] as number;
      // d(−log-likelihood)/d(score of sentence s): p when the pitch has none; −Q·p/(1−Q) when it has some.
      const gradient = row.any ? (-none * p) / Math.max(1 - none, 1e-6) : noneWeight * p;
      bias -= settings.rate * gradient;
      for (let f = 0; f < ids.length; f++) {
        const at = ids[f] as number;
        weights[at] = (weights[at] as number) * decay - settings.rate * gradient * (values[f] as number);
      }
    });
  });
  const pairs = new Float64Array(names.length * 2);
  weights.forEach((weight, index) => {
    pairs[index * 2 + 1] = weight;
  });
  return roundedModel(labels, names, Float64Array.from([0, bias]), pairs);
}

/**
 * The features seen in at least `minCount` of the examples, sorted (the file lists them in this order), and a
 * function that turns an example's features into index and value arrays over them (the inner loops then touch typed
 * arrays only).
 */
function indexFeatures(
  examples: ReadonlyArray<{ features: Features }>,
  minCount: number,
): { names: string[]; active: (features: Features) => { ids: Int32Array; values: Float64Array } } {
  const counts = new Map<string, number>();
  for (const example of examples)
    for (const name of example.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([, count]) => count >= minCount).map(([name]) => name);
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ids = new Map(names.map((name, index) => [name, index]));
  return {
    names,
    active: (features) => {
      const known = [...features].filter(([name]) => ids.has(name));
      return {
        ids: Int32Array.from(known, ([name]) => ids.get(name) as number),
        values: Float64Array.from(known, ([, value]) => value),
      };
    },
  };
}

/**
 * Stochastic gradient descent's passes over the examples: `settings.epochs` times, each in a new order drawn from
 * `settings.seed`, so the same examples and settings give the same weights.
 */
function forEachShuffled<Row>(
  rows: readonly Row[],
  settings: Pick<TrainingSettings, "epochs" | "seed">,
  visit: (row: Row) => void,
): void {
  const random = seededRandom(settings.seed);
  const order = rows.map((_, index) => index);
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) visit(rows[index] as Row);
  }
}

export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}

/**
 * Weights as integers, `scale` steps per unit (two decimals by default); a feature whose weights are all negligible
 * (within ±0.02) is left out.
 */
function roundedModel(
  labels: readonly string[],
  names: readonly string[],
  bias: Float64Array,
  weights: Float64Array,
  /** Weights within this are stored as 0 (the softmax models keep them, if any weight of the row is larger). */
  zeroWithin = 0,
  scale = SCALE,
): LinearModelJson {
  const width = labels.length;
  const round = (value: number) => Math.round(value * scale) + 0;
  const zeroBelow = Math.round(zeroWithin * scale);
  const stored = (value: number) => (Math.abs(round(value)) <= zeroBelow ? 0 : round(value));
  const kept: string[] = [];
  const flat: number[] = [];
  names.forEach((name, index) => {
    const rounded = [...weights.subarray(index * width, (index + 1) * width)].map(stored);
    if (!rounded.some((weight) => Math.abs(weight) / scale > NEGLIGIBLE / SCALE)) return;
    kept.push(name);
    flat.push(...rounded);
  });
  return { labels: [...labels], scale, bias: [...bias].map(round), features: kept, weights: flat };
}

function sigmoid(score: number): number {
  return 1 / (1 + Math.exp(-score));
}

function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}
