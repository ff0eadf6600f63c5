import { describe, expect, it } from "vitest";
import type { TurnRecord } from "./check-set.js";
import { turnProblems } from "./check-set.js";
import { scoreMoves } from "./move-metrics.js";

const turn = (mode: TurnRecord["mode"], text: string, moves: string[]): TurnRecord => ({
  id: "t",
  writer: "w",
  lang: "en",
  mode,
  other: "a rep",
  before: "",
  text,
  moves: moves.map((move) => ({ move, quote: text })),
});

describe("turn-level move scores", () => {
  it("counts each move once per turn, per mode, and averages F1 over the moves the gold labels hold", () => {
    const turns = [
      turn("manager-rep", "a", ["empathy", "praise"]),
      turn("manager-rep", "b", ["praise"]),
      turn("rep-customer", "c", ["empathy"]),
    ];
    const scores = scoreMoves(turns, [["empathy"], ["praise", "threat"], []]);
    // manager empathy 1/1, manager praise tp 1 fn 1 (F1 2/3), rep empathy missed (0): threat is predicted only.
    expect(scores.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 5);
    expect(scores.exact).toBeCloseTo(0, 5);
    expect(scores.precision).toBeCloseTo(2 / 3, 5);
    expect(scores.recall).toBeCloseTo(2 / 4, 5);
    expect(scores.perMove.get("manager-rep threat")).toEqual({ tp: 0, fp: 1, fn: 0 });
  });
});

describe("the turn set checker", () => {
  it("refuses a move of the other mode, a move twice and a quote not in the turn", () => {
    const record = turn("rep-customer", "We guarantee it.", ["casual-promise"]);
    expect(turnProblems(record)).toEqual([]);
    const bad = {
      ...record,
      moves: [
        { move: "praise", quote: "We guarantee it." },
        { move: "F", quote: "guarantee" },
        { move: "F", quote: "nowhere" },
      ],
    };
    const problems = turnProblems(bad);
    expect(problems.some((problem) => problem.startsWith("praise is not a rep-customer move"))).toBe(true);
    expect(problems).toContain("F labelled twice");
    expect(problems).toContain("quote not copied exactly from the text: nowhere");
  });
});
