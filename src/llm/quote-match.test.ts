import { describe, expect, it } from "vitest";
import { toSimplified, toTraditional } from "../lib/script.js";
import { QuoteMatcher } from "./quote-match.js";

const matcher = new QuoteMatcher({ toTraditional, toSimplified });
const SOURCE = "對待老員工,要肯定他過去的貢獻,再談新的目標。主管要以身作則,帶頭遵守規定。";

describe("a model's quote, found the way models write quotes", () => {
  it("takes an exact quote as it is", () => {
    expect(matcher.match("要肯定他過去的貢獻", SOURCE)).toEqual({
      text: "要肯定他過去的貢獻",
      start: 6,
      end: 15,
      normalised: false,
    });
  });

  it("folds full-width punctuation, added quotation marks and spaces, and gives back the handbook's own span", () => {
    const match = matcher.match("「對待老員工，要肯定他過去的貢獻。」", SOURCE);
    expect(match?.text).toBe("對待老員工,要肯定他過去的貢獻");
    expect(match?.normalised).toBe(true);
    expect(SOURCE.slice(match?.start, match?.end)).toBe(match?.text);
  });

  it("reads a Simplified quote against the Traditional handbook", () => {
    expect(matcher.match("主管要以身作则，带头遵守规定", SOURCE)?.text).toBe("主管要以身作則,帶頭遵守規定");
  });

  it("matches the parts around an ellipsis in order, and the span covers them all", () => {
    expect(matcher.match("對待老員工……再談新的目標", SOURCE)?.text).toBe("對待老員工,要肯定他過去的貢獻,再談新的目標");
    expect(matcher.match("再談新的目標……對待老員工", SOURCE)).toBeUndefined();
  });

  it("still refuses what the handbook does not say, and quotes too short to mean anything", () => {
    expect(matcher.match("要嚴厲批評老員工的過錯", SOURCE)).toBeUndefined();
    expect(matcher.match("對待老員工要馬上開除", SOURCE)).toBeUndefined();
    expect(matcher.match("目標", SOURCE)).toBeUndefined();
    expect(matcher.match("「，」", SOURCE)).toBeUndefined();
  });
});
