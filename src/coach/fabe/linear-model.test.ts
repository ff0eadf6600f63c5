import { describe, expect, it } from "vitest";
import { LinearModel, LinearModelSchema, trainAnyOfModel } from "./linear-model.js";

const valid = {
  labels: ["F", "A", "B", "E", "other"],
  scale: 100,
  bias: [0, 0, 0, 0, 0],
  features: ["w:省錢", "w:快"],
  weights: [10, 20, 30, 40, 50, 0, 300, 0, 0, 0],
};

describe("a linear model's file", () => {
  it("accepts a well-formed weight list and keeps it as it is (no copy)", () => {
    const parsed = LinearModelSchema.parse(valid);
    expect(parsed.weights).toBe(valid.weights);
  });

  it("refuses a list of the wrong length, a non-integer, an out-of-range weight and a non-list", () => {
    for (const weights of [[1, 2, 3], [...valid.weights.slice(1), 0.5], [...valid.weights.slice(1), 40000], null]) {
      const result = LinearModelSchema.safeParse({ ...valid, weights });
      expect(result.success, JSON.stringify(weights)).toBe(false);
      if (!result.success) expect(result.error.issues[0]?.path).toEqual(["weights"]);
    }
  });

  it("scores with the features it knows, each weight divided by the scale", () => {
    const model = new LinearModel(LinearModelSchema.parse(valid));
    const probabilities = model.predict(
      new Map([
        ["w:快", 1],
        ["unknown", 5],
      ]),
    );
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(1);
    expect(probabilities[1]).toBeCloseTo(Math.exp(3) / (Math.exp(3) + 4), 5);
  });
});

describe("a model learned from whole pitches (any of their sentences)", () => {
  const sentence = (...names: string[]) => new Map(names.map((name) => [name, 1]));
  // Pitches speak to the customer exactly when one of their sentences has "you"; every pitch has other words too,
  // so which sentence carries the property is never given.
  const pitches = [
    { sentences: [sentence("spec", "price"), sentence("you", "save")], any: true },
    { sentences: [sentence("spec"), sentence("price", "fast")], any: false },
    { sentences: [sentence("you", "fast"), sentence("spec")], any: true },
    { sentences: [sentence("save"), sentence("spec", "fast")], any: false },
    { sentences: [sentence("price"), sentence("save", "spec"), sentence("you")], any: true },
    { sentences: [sentence("fast", "price")], any: false },
  ];
  const settings = { epochs: 200, rate: 0.1, l2: 0, seed: 1, minCount: 1 };

  it("finds the sentence that carries the property, and gives the others little", () => {
    const model = new LinearModel(trainAnyOfModel(pitches, ["no", "addressed"], settings));
    const chance = (features: Map<string, number>) => model.predict(features)[1] as number;
    expect(chance(sentence("you", "spec"))).toBeGreaterThan(0.8);
    expect(chance(sentence("save", "spec"))).toBeLessThan(0.2);
    expect(chance(sentence("price", "fast"))).toBeLessThan(0.2);
  });

  it("is the same model on every run", () => {
    expect(trainAnyOfModel(pitches, ["no", "addressed"], settings)).toEqual(
      trainAnyOfModel(pitches, ["no", "addressed"], settings),
    );
  });
});
