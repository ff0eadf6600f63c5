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
    for (const file of trained.trainedOn.files) expect(file).toMatch(/^evals\/roleplay\/writers\/r\d+\.jsonl$/);
  });
});
