import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePassageSituations } from "./passage-situations.js";

const shipped = readFileSync(new URL("../../../corpus/passage-situations.tsv", import.meta.url), "utf8");
const handbook = JSON.parse(readFileSync(new URL("../../../corpus/build/handbook.json", import.meta.url), "utf8")) as {
  chunks: Array<{ id: string }>;
};

describe("corpus/passage-situations.tsv", () => {
  it("annotates every handbook passage once, with the guide's labels", () => {
    const situations = parsePassageSituations(shipped);
    expect([...situations.keys()].sort()).toEqual(handbook.chunks.map((chunk) => chunk.id).sort());
    const allowed = {
      who: ["rep", "reps", "team", "manager", "customer", "candidate"],
      tenure: ["new", "half-year", "veteran", "any", "none"],
      problem: ["attitude", "knowledge", "skill", "management"],
    };
    for (const [id, situation] of situations) {
      for (const field of ["who", "tenure", "problem"] as const)
        for (const value of situation[field]) expect(allowed[field], `${id} ${field}`).toContain(value);
      expect(situation.en.length, id).toBeGreaterThan(20);
    }
  });

  it("names the line at fault", () => {
    expect(() => parsePassageSituations("id\twho\n1.1-01\tmanager\tnone\tmanagement\tmaybe\ten\tzh\n")).toThrow(
      /line 2/,
    );
  });
});
