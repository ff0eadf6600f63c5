import { describe, expect, it } from "vitest";
import { chooseNextDrill, type PastPitch } from "./next-drill.js";
import type { Element } from "./types.js";

const settings = { window: 5, maxBox: 5 };
const complete: PastPitch = { present: { F: true, A: true, B: true, E: true } };
const without = (...missing: Element[]): PastPitch => ({
  present: {
    F: !missing.includes("F"),
    A: !missing.includes("A"),
    B: !missing.includes("B"),
    E: !missing.includes("E"),
  },
});
/** Pitches are given oldest first here, as a rep does them; the rule reads them newest first. */
const next = (...oldestFirst: PastPitch[]) => chooseNextDrill([...oldestFirst].reverse(), settings);

describe("the next drill", () => {
  it("proposes Evidence after four pitches without it, and says why", () => {
    const choice = next(without("E"), without("E"), without("E"), without("E"));
    expect(choice.element).toBe("E");
    expect(choice.reason).toEqual({ kind: "missed", element: "E", missed: 4, of: 4 });
  });

  it("does not propose Evidence after five complete pitches in a row", () => {
    const choice = next(without("E"), without("E"), without("E"), without("E"), ...Array(5).fill(complete));
    expect(choice.element).not.toBe("E");
    expect(choice).toEqual({ element: "all", reason: { kind: "complete", of: 5 } });
  });

  it("brings an element missed a few pitches ago back soon, before one never missed", () => {
    // B missed three pitches ago: present twice since (box 2, due after 2 pitches without a prompt on it).
    const choice = next(complete, complete, without("B"), complete, complete);
    expect(choice).toEqual({ element: "B", reason: { kind: "missed", element: "B", missed: 1, of: 5 } });
  });

  it("puts an element practised on its own back in its box: it is not due again at once", () => {
    const onB: PastPitch = { ...complete, focus: "B" };
    expect(next(complete, complete, without("B"), complete, onB).element).toBe("all");
  });

  it("the element missed in the latest pitch goes before one missed earlier", () => {
    expect(next(without("A"), without("A"), without("A"), complete, without("F")).element).toBe("F");
  });

  it("reviews a mastered element only after long: 2^(box-1) pitches without a prompt on it", () => {
    const sixteen = Array(16).fill(complete) as PastPitch[];
    expect(next(...sixteen.slice(0, 15)).element).toBe("all");
    const review = next(...sixteen);
    expect(review.element).toBe("F");
    expect(review.reason).toEqual({ kind: "review", element: "F", streak: 16, since: 16 });
  });

  it("starts a new rep on a whole pitch", () => {
    expect(next()).toEqual({ element: "all", reason: { kind: "start" } });
  });
});
