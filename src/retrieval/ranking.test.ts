import { describe, expect, it } from "vitest";
import { Bm25Index } from "./bm25.js";
import { reciprocalRankFusion } from "./fuse.js";
import { bigrams, englishTokens } from "./tokenize.js";

describe("tokenisers", () => {
  it("cut Chinese into bigrams and English into stemmed content words", () => {
    expect(bigrams("月底集中出單")).toEqual(["月底", "底集", "集中", "中出", "出單"]);
    expect(bigrams("FABE法,好")).toEqual(["fa", "ab", "be", "e法", "好"]);
    expect(englishTokens("The reps are collecting payments")).toEqual(["rep", "collect", "payment"]);
  });
});

describe("Bm25Index", () => {
  it("ranks the document with the rarer shared term first", () => {
    const index = new Bm25Index(["a", "b", "c"], [bigrams("催款收款"), bigrams("團隊團隊士氣"), bigrams("團隊氛圍")]);
    expect(index.search(bigrams("士氣"), 3).map((hit) => hit.id)).toEqual(["b"]);
    expect(index.search(bigrams("團隊催款"), 3)[0]?.id).toBe("a");
    expect(index.search(bigrams("無關"), 3)).toEqual([]);
  });
});

describe("reciprocalRankFusion", () => {
  it("rewards agreement between lists and respects weights", () => {
    const fused = reciprocalRankFusion([
      {
        name: "x",
        weight: 1,
        results: [
          { id: "a", score: 9 },
          { id: "b", score: 8 },
        ],
      },
      {
        name: "y",
        weight: 1,
        results: [
          { id: "b", score: 1 },
          { id: "c", score: 0.5 },
        ],
      },
    ]);
    expect(fused.map((hit) => hit.id)).toEqual(["b", "a", "c"]);
    const weighted = reciprocalRankFusion([
      { name: "x", weight: 3, results: [{ id: "a", score: 1 }] },
      { name: "y", weight: 1, results: [{ id: "c", score: 1 }] },
    ]);
    expect(weighted[0]?.id).toBe("a");
  });
});
