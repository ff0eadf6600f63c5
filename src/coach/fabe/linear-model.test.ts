import { describe, expect, it } from "vitest";
import { LinearModelSchema } from "./linear-model.js";

const valid = {
  labels: ["F", "A", "B", "E", "other"],
  scale: 100,
  bias: [0, 0, 0, 0, 0],
  weights: { "w:省錢": [0.1, 0.2, 0.3, 0.4, 0.5] },
};

describe("a linear model's schema", () => {
  it("accepts a well-formed weight table and keeps it as it is (no copy)", () => {
    const parsed = LinearModelSchema.parse(valid);
    expect(parsed.weights).toBe(valid.weights);
  });

  it("refuses a weight row of the wrong length, a non-number and a non-object", () => {
    for (const weights of [
      { a: [1, 2] },
      { a: [1, 2, 3, 4, "5"] },
      { a: [1, 2, 3, 4, Number.NaN] },
      [[1, 2, 3, 4, 5]],
      null,
    ]) {
      const result = LinearModelSchema.safeParse({ ...valid, weights });
      expect(result.success, JSON.stringify(weights)).toBe(false);
      if (!result.success) expect(result.error.issues[0]?.path).toEqual(["weights"]);
    }
  });
});
