import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { trainShippedModel } from "./fabe-training.js";

describe("prompts/fabe-model.json", () => {
  it("is exactly what training on the tuning sets gives (no hand edits, not stale after a cue or data change)", () => {
    const shipped = readFileSync(new URL("../prompts/fabe-model.json", import.meta.url), "utf8");
    expect(shipped).toBe(`${JSON.stringify(trainShippedModel())}\n`);
  }, 60_000);

  it("never trains on the gate", () => {
    expect(trainShippedModel().trainedOn.files.some((file) => file.endsWith("/fabe.jsonl"))).toBe(false);
  }, 60_000);
});
