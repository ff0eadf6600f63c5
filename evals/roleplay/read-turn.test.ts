import { describe, expect, it } from "vitest";
import type { MoveModelJson } from "../../src/coach/roleplay/move-model.js";
import { MANAGER_TURN_MOVES, REP_TURN_MOVES } from "../../src/coach/roleplay/moves.js";
import { makeTurnReader, readRoleplaySettings } from "../roleplay-training.js";

/** A move model that knows one word pair: 「真棒」 speaks for praise and, a little less, for harsh criticism. */
function tinyModel(praise: number, harsh: number): MoveModelJson {
  const labels = [...MANAGER_TURN_MOVES];
  const row = labels.map((move) => (move === "praise" ? praise : move === "harsh-criticism" ? harsh : 0));
  const empty = (moves: readonly string[]) => ({
    labels: [...moves],
    scale: 100,
    bias: moves.map(() => -500),
    features: [],
    weights: [],
  });
  return {
    "manager-rep": { ...empty(labels), features: ["zh:真棒"], weights: row },
    "rep-customer": empty(REP_TURN_MOVES),
    trainedOn: { files: [], sha256: "", settings: {} },
  };
}

describe("the turn reader with a move model", () => {
  it("keeps only the likelier of two moves one sentence cannot make together", async () => {
    const settings = readRoleplaySettings();
    // Both pass moveProbability; praise is likelier, so the scolding is dropped.
    const reader = await makeTurnReader(settings, tinyModel(1100, 1000));
    const moves = reader.read("你做得真棒。", "manager-rep").map((move) => move.move);
    expect(moves).toContain("praise");
    expect(moves).not.toContain("harsh-criticism");
    // And the other way round.
    const sarcastic = await makeTurnReader(settings, tinyModel(1000, 1100));
    expect(sarcastic.read("你做得真棒。", "manager-rep").map((move) => move.move)).toEqual(["harsh-criticism"]);
  });

  it("reads nothing when no move reaches moveProbability", async () => {
    const reader = await makeTurnReader(readRoleplaySettings(), tinyModel(1100, 1000));
    expect(reader.read("明天見。", "manager-rep")).toEqual([]);
  });
});
