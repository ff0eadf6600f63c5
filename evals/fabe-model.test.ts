import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { trainShippedModel } from "./fabe-training.js";

describe("prompts/fabe-model.json", () => {
  let trained: ReturnType<typeof trainShippedModel>;
  // Training on 58 writers takes about 70 s on a free core of this machine, more beside other test files: the
  // limit is there to stop a hung run, not to time training (the bench does that).
  beforeAll(() => {
    trained = trainShippedModel();
  }, 360_000);

  it("is exactly what training on the training writers gives (no hand edits, not stale after a change)", () => {
    const shipped = readFileSync(new URL("../prompts/fabe-model.json", import.meta.url), "utf8");
    expect(shipped).toBe(`${JSON.stringify(trained)}\n`);
  });

  it("is trained on the training writers only, never on a blind set", () => {
    expect(trained.trainedOn.files.length).toBeGreaterThanOrEqual(12);
    for (const file of trained.trainedOn.files) expect(file).toMatch(/^evals\/fabe\/writers\/\d+\.jsonl$/);
  });
});
