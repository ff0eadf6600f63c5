import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseGlossary } from "../../retrieval/glossary.js";
import { parseAdviceData } from "./data.js";
import { findDuration, tenureOf } from "./tenure.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as unknown;

describe("findDuration", () => {
  it("reads explicit durations in Chinese and English", () => {
    expect(findDuration("我有個做了三年的老業務")?.months).toBe(36);
    expect(findDuration("來了半年")?.months).toBe(6);
    expect(findDuration("進來兩個月一單沒開")?.months).toBe(2);
    expect(findDuration("been here almost three years")?.months).toBe(36);
    expect(findDuration("hired him six weeks ago")?.months).toBeCloseTo(1.4, 1);
    expect(findDuration("joined 9 months ago")?.months).toBe(9);
    expect(findDuration("my rep is lazy")).toBeUndefined();
  });

  it("maps months onto the handbook's tenure groups", () => {
    expect([tenureOf(2), tenureOf(6), tenureOf(11), tenureOf(12), tenureOf(36)]).toEqual([
      "new",
      "half-year",
      "half-year",
      "veteran",
      "veteran",
    ]);
  });
});

describe("prompts/diagnosis.json", () => {
  it("names only concepts the glossary has", () => {
    const data = parseAdviceData(
      read("../../../prompts/diagnosis.json"),
      read("../../../prompts/advice-offline.json"),
      read("../../../prompts/advice-settings.json"),
    );
    const ids = new Set(parseGlossary(read("../../../corpus/glossary.json")).map((concept) => concept.id));
    const named = [
      ...Object.values(data.diagnosis)
        .filter(Array.isArray)
        .flatMap((values) => values.flatMap((value) => ("concepts" in value ? value.concepts : [value.concept]))),
    ];
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });
});
