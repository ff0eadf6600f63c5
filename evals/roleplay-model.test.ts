import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { trainShippedMoveModel } from "./roleplay-training.js";

describe("prompts/roleplay-move-model.json", () => {
  let trained: Awaited<ReturnType<typeof trainShippedMoveModel>>;
  beforeAll(async () => {
    trained = await trainShippedMoveModel();
  }, 120_000);

  it("is exactly what training on the turn writers gives (no hand edits, not stale after a change)", () => {
    const shipped = readFileSync(new URL("../prompts/roleplay-move-model.json", import.meta.url), "utf8");
    expect(shipped).toBe(`${JSON.stringify(trained)}\n`);
  });

  it("is trained on the training writers only, never on a blind set", () => {
    expect(trained.trainedOn.files.length).toBeGreaterThanOrEqual(12);
    // The turn writers' sets, and the call labels of those same turns (evals/roleplay/calls/rNN.jsonl).
    for (const file of trained.trainedOn.files)
      expect(file).toMatch(/^evals\/roleplay\/(writers|call-writers|calls)\/r\d+\.jsonl$/);
    // Every call label file labels the turns of a set trained on.
    const calls = trained.trainedOn.files.filter((file) => file.includes("/calls/"));
    expect(calls.length).toBeGreaterThanOrEqual(12);
    for (const file of calls)
      expect(
        [file.replace("/calls/", "/writers/"), file.replace("/calls/", "/call-writers/")].some((set) =>
          trained.trainedOn.files.includes(set),
        ),
      ).toBe(true);
  });
});
