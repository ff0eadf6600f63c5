import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildFromFiles, defaultPaths } from "./ingest.js";
import { parseSentenceRoles } from "./sentence-roles.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("corpus/sentence-roles.tsv", () => {
  it("gives every handbook sentence its current role, and advice and reasons the situation they are for", async () => {
    const { corpus } = await buildFromFiles(defaultPaths(root, { playbooks: false }));
    const total = Object.values(corpus.sentences).reduce((sum, list) => sum + list.length, 0);
    expect(corpus.stats.sentenceRoles).toEqual({ applied: total, stale: 0, missing: 0 });
    for (const sentence of Object.values(corpus.sentences).flat()) {
      if (sentence.role === "advice" || sentence.role === "reason") {
        expect(sentence.weight).toBeGreaterThan(0);
        expect(sentence.when?.zh.length).toBeGreaterThan(0);
      } else expect(sentence.when).toBeUndefined();
    }
  });

  it("refuses an unknown role or a weight out of range, naming the line", () => {
    expect(() => parseSentenceRoles("1.1-01#0\tadvise\t2\ta\tb\tx")).toThrow(/line 1: role must be one of/);
    expect(() => parseSentenceRoles("\n1.1-01#0\tadvice\t5\ta\tb\tx")).toThrow(/line 2: weight must be 0–3/);
    expect(() => parseSentenceRoles("1.1-01\tadvice\t1\ta\tb\tx")).toThrow(/<chunk id>#<index>/);
  });
});
