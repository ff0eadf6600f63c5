import { describe, expect, it } from "vitest";
import { isGoodAnswer, judgeStep, mergeJudgments, ndcgAt, sectionOf } from "./quality-metrics.js";

const judgment = { useful: new Set(["4.5.4.2.2-01"]), partial: new Set(["4.4.4.2.3-01"]) };

describe("advice quality figures", () => {
  it("judges a step by the best passage it cites", () => {
    expect(judgeStep(["4.4.4.2.3-01", "4.5.4.2.2-01"], judgment)).toBe("useful");
    expect(judgeStep(["4.4.4.2.3-01"], judgment)).toBe("partial");
    expect(judgeStep(["2.2-01"], judgment)).toBe("irrelevant");
    expect(judgeStep([], judgment)).toBe("irrelevant");
  });

  it("calls an answer good with three useful steps, or all useful when fewer, and at most one irrelevant", () => {
    expect(isGoodAnswer(["useful", "useful", "useful", "irrelevant"])).toBe(true);
    expect(isGoodAnswer(["useful", "useful", "useful", "irrelevant", "irrelevant"])).toBe(false);
    expect(isGoodAnswer(["useful", "useful"])).toBe(true);
    expect(isGoodAnswer(["useful", "partial"])).toBe(false);
    expect(isGoodAnswer([])).toBe(false);
  });

  it("scores nDCG@5 against the ideal order of the judged passages", () => {
    expect(ndcgAt(5, ["4.5.4.2.2-01", "4.4.4.2.3-01"], judgment)).toBeCloseTo(1);
    const swapped = ndcgAt(5, ["4.4.4.2.3-01", "4.5.4.2.2-01"], judgment);
    expect(swapped).toBeLessThan(1);
    expect(swapped).toBeGreaterThan(0.5);
    expect(ndcgAt(5, ["2.2-01"], judgment)).toBe(0);
  });

  it("merges judges: useful from any judge wins over partial", () => {
    const merged = mergeJudgments([
      { id: "a", judge: "j1", useful: ["x"], partial: ["y"] },
      { id: "a", judge: "j2", useful: ["y"], partial: ["z"] },
    ]);
    expect([...(merged.get("a")?.useful ?? [])].sort()).toEqual(["x", "y"]);
    expect([...(merged.get("a")?.partial ?? [])]).toEqual(["z"]);
  });

  it("reads a passage's section from its id", () => {
    expect(sectionOf("4.5.4.2.2-01")).toBe("4.5.4.2.2");
    expect(sectionOf("2.2-01")).toBe("2.2");
  });
});
