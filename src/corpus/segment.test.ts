import { describe, expect, it } from "vitest";
import { DEFAULT_PACK, packChunks } from "./pack-chunks.js";
import { segment } from "./segment.js";

const texts = (text: string, headingLength = 0) => segment(text, headingLength).map((u) => text.slice(u.start, u.end));

describe("segment", () => {
  it("cuts after sentence punctuation, keeping closing quotes, and at spaces between run-in items", () => {
    expect(texts("打算和布置工作 頭天晚上安排工作;利用早夕會下達任務。他說“好!”然後走了")).toEqual([
      "打算和布置工作",
      "頭天晚上安排工作;",
      "利用早夕會下達任務。",
      "他說“好!”",
      "然後走了",
    ]);
  });

  it("keeps a heading with spaces as one unit and drops the colon after it", () => {
    expect(texts("1.1 明確目標: 對一個團隊來說。", "1.1 明確目標".length)).toEqual([
      "1.1 明確目標",
      "對一個團隊來說。",
    ]);
  });

  it("cuts an over-long sentence at commas", () => {
    const long = `${"很長的句子內容,".repeat(60)}結束。`;
    const units = texts(long);
    expect(units.length).toBeGreaterThan(1);
    expect(Math.max(...units.map((unit) => unit.length))).toBeLessThanOrEqual(240);
    expect(units.join("")).toBe(long);
  });
});

describe("packChunks", () => {
  const unitsOf = (lengths: number[]) => {
    let start = 0;
    return lengths.map((length) => {
      const unit = { start, end: start + length };
      start += length;
      return unit;
    });
  };

  it("never exceeds the maximum when units allow it", () => {
    const groups = packChunks(unitsOf(Array(30).fill(50)), DEFAULT_PACK);
    for (const [first, last] of groups) expect((last - first + 1) * 50).toBeLessThanOrEqual(400);
  });

  it("balances a section instead of leaving a tiny remainder", () => {
    const groups = packChunks(unitsOf([100, 100, 100, 100, 60]), DEFAULT_PACK);
    const sizes = groups.map(([first, last]) => (last - first + 1) * 100);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(120);
  });

  it("keeps every unit exactly once and in order", () => {
    const groups = packChunks(unitsOf([10, 300, 20, 390, 5, 80, 80, 80]), DEFAULT_PACK);
    expect(groups[0]?.[0]).toBe(0);
    expect(groups.at(-1)?.[1]).toBe(7);
    for (let i = 1; i < groups.length; i++) expect(groups[i]?.[0]).toBe((groups[i - 1]?.[1] ?? 0) + 1);
  });
});
