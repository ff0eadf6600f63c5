import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toTraditional } from "../../lib/script.js";
import { FabeCues } from "./cues.js";
import { FabeSettingsSchema } from "./fabe-settings.js";
import { FabeLabeller, isDateLine } from "./labeller.js";
import { LinearModel } from "./linear-model.js";

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../prompts/${name}`, import.meta.url), "utf8"));
const cues = new FabeCues(read("fabe-cues.json"), toTraditional);
const shipped = FabeSettingsSchema.parse(read("fabe-settings.json"));

// A model that knows two words: 「規格」 says F, 「更快」 says A weakly and B almost as much. Every other sentence
// leans to `other`.
const model = new LinearModel({
  labels: ["F", "A", "B", "E", "other"],
  scale: 100,
  bias: [0, 0, 0, 0, 100],
  features: ["zh:規格", "zh:更快"],
  weights: [500, 0, 0, 0, 0, 0, 260, 250, 0, 0],
});
const size = 6;
// Transitions that make F → A unlikely and F → B likely (rows: start, F, A, B, E, other; columns: F, A, B, E, other,
// end).
const transitions = Array.from({ length: size }, () => new Array<number>(size).fill(Math.log(1 / size)));
(transitions[1] as number[])[1] = Math.log(0.01);
(transitions[1] as number[])[2] = Math.log(0.9);

const pitch = ["這台機器的規格是一分鐘六十張。", "您的門市出單會更快。"];
const labeller = (transitionWeight: number, unaddressedBenefit = 0) =>
  new FabeLabeller(
    cues,
    toTraditional,
    {
      ...shipped,
      labeller: { ...shipped.labeller, elementProbability: 1, transitionWeight, unaddressedBenefit, edgeWeight: 1 },
    },
    model,
    transitions,
  );

describe("the labeller's sequence decoding", () => {
  it("labels each sentence alone when the transitions weigh nothing", () => {
    expect(
      labeller(0)
        .label(pitch)
        .map((sentence) => sentence.label),
    ).toEqual(["F", "A"]);
  });

  it("lets a likely transition decide a sentence the model is unsure of", () => {
    expect(
      labeller(1)
        .label(pitch)
        .map((sentence) => sentence.label),
    ).toEqual(["F", "B"]);
  });

  it("never gives B to a sentence that does not address the customer when unaddressed Benefits weigh 0", () => {
    const labels = labeller(1)
      .label([pitch[0] as string, "出單會更快。"])
      .map((sentence) => sentence.label);
    expect(labels[0]).toBe("F");
    expect(labels[1]).not.toBe("B");
  });

  it("lets the transitions give B to a sentence naming no customer when unaddressed Benefits are only discounted", () => {
    const labels = labeller(1, 0.5)
      .label([pitch[0] as string, "出單會更快。"])
      .map((sentence) => sentence.label);
    expect(labels).toEqual(["F", "B"]);
  });

  it("leaves a pitch of one sentence to the model alone (role-play reads messages sentence by sentence)", () => {
    expect(
      labeller(5)
        .label([pitch[1] as string])
        .map((sentence) => sentence.label),
    ).toEqual(["A"]);
  });
});

describe("a line that is only a date", () => {
  it("is recognised in the forms letters use, and not in a sentence that merely starts with a year", () => {
    for (const line of [
      "中華民國一一五年十二月六日",
      "二〇二六年十二月六日。",
      "2026年12月6日",
      "6 December 2026",
      "Dec. 6, 2026",
    ])
      expect(isDateLine(line), line).toBe(true);
    for (const sentence of ["2026年我們服務了三百家客戶。", "December 2026 pricing is $9.", "十二月六日前下單享九折。"])
      expect(isDateLine(sentence), sentence).toBe(false);
  });

  it("is labelled other however strongly the model leans to an element", () => {
    // A model that calls every sentence Evidence.
    const evidence = new LinearModel({
      labels: ["F", "A", "B", "E", "other"],
      scale: 100,
      bias: [0, 0, 0, 300, 0],
      features: [],
      weights: [],
    });
    const labels = (texts: string[]) =>
      new FabeLabeller(cues, toTraditional, shipped, evidence).label(texts).map((sentence) => sentence.label);
    expect(labels(["去年有三百家店用了。", "中華民國一一五年十二月六日"])).toEqual(["E", "other"]);
  });
});
