import { describe, expect, it } from "vitest";
import { givesAdvice, stepPlan } from "./compose-offline.js";

describe("givesAdvice", () => {
  it("keeps sentences that say what to do", () => {
    expect(givesAdvice("對於這樣的員工,剛開始就要給予一點打擊否定他,因為他們自我感覺都很良好。")).toBe(true);
    expect(givesAdvice("給他們安排主持部門會議、協助培訓新員工等工作,讓他們感覺到自己被重視")).toBe(true);
  });

  it("leaves out list intros, headings, bare list items, schedule slots and pointers", () => {
    expect(givesAdvice("改進商務代表態度的幾種方法:")).toBe(false);
    expect(givesAdvice("但我希望你在裁員前,先考慮這樣五個問題:")).toBe(false);
    expect(givesAdvice("1.2 溝通")).toBe(false);
    expect(givesAdvice("6)促成")).toBe(false);
    expect(givesAdvice("【08:00–08:30】")).toBe(false);
    expect(givesAdvice("如果這五個問題的答案都是肯定的,那就放手去做吧。")).toBe(false);
  });
});

describe("stepPlan", () => {
  const steps = { min: 3, max: 6, rounds: 3, fromBest: 2 };

  it("takes the best passage's two best sentences, then one from each other passage", () => {
    expect(stepPlan([5, 5, 5], steps)).toEqual([0, 0, 1, 2]);
  });

  it("fills to `min` from the passages in rank order, as far as their sentences go", () => {
    expect(stepPlan([1, 4], steps)).toEqual([0, 1, 1]);
    expect(stepPlan([1], steps)).toEqual([0]);
  });

  it("never plans more than `max` steps", () => {
    expect(stepPlan([3, 1, 1, 1, 1, 1, 1], steps)).toEqual([0, 0, 1, 2, 3, 4]);
  });
});
