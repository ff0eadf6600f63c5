import { describe, expect, it } from "vitest";
import { LinearModel, LinearModelSchema } from "./linear-model.js";

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
