import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type MoveModelJson, MoveModelSchema } from "../../src/coach/roleplay/move-model.js";
import { MANAGER_TURN_MOVES, REP_TURN_MOVES } from "../../src/coach/roleplay/moves.js";
import { CALLS } from "../../src/coach/roleplay/simulate.js";
import { makeTurnReader, readRoleplaySettings } from "../roleplay-training.js";

const shippedMoveModel = (): MoveModelJson =>
  MoveModelSchema.parse(
    JSON.parse(readFileSync(new URL("../../prompts/roleplay-move-model.json", import.meta.url), "utf8")),
  );

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
    call: empty(CALLS),
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

describe("what a turn calls for (the shipped call model)", () => {
  it("reads a question, a proposal and a plain statement, in each language", async () => {
    const reader = await makeTurnReader(readRoleplaySettings(), shippedMoveModel());
    const call = (text: string, mode: "manager-rep" | "rep-customer" = "manager-rep") =>
      reader.understand(text, mode).call;
    expect(call("你最近跑客戶,覺得最卡的是哪一段?")).toBe("answer");
    expect(call("你最近跑客户,觉得最卡的是哪一段?")).toBe("answer");
    expect(call("What's been the hardest part of your week?")).toBe("answer");
    expect(call("下週的新人培訓交給你來帶,你看可以嗎?")).toBe("decide");
    expect(call("Send me the three names before you leave tonight.")).toBe("decide");
    expect(call("我下週二下午過去拜訪您一趟,方便嗎?", "rep-customer")).toBe("decide");
    expect(call("這個月的數字我看過了,你做得很穩。")).toBe("none");
    expect(call("Our platform has been running for twelve years.", "rep-customer")).toBe("none");
  });

  it("has no call without a call model, and the moves are read the same", async () => {
    const { call: _call, ...movesOnly } = shippedMoveModel();
    const withCall = await makeTurnReader(readRoleplaySettings(), shippedMoveModel());
    const without = await makeTurnReader(readRoleplaySettings(), movesOnly);
    const text = "辛苦了,這週我陪你去見那個客戶,好嗎?";
    expect(without.understand(text, "manager-rep").call).toBeUndefined();
    expect(without.read(text, "manager-rep")).toEqual(withCall.read(text, "manager-rep"));
  });
});
