import { describe, expect, it } from "vitest";
import { TrackedText } from "./tracked-text.js";

describe("TrackedText", () => {
  const source = "ab\n\n3、cd治理ef";

  it("maps every clean span back to the exact source span through deletions and replacements", () => {
    const stitched = TrackedText.fromSource(source).replaceAll(/\n\n\d+、/g, () => "");
    expect(stitched.text).toBe("abcd治理ef");
    const repaired = stitched.replaceAll(/治理/g, () => "管理");
    expect(repaired.text).toBe("abcd管理ef");
    // "bc" straddles the removed marker: its source span includes the marker.
    expect(source.slice(repaired.sourceStart(1), repaired.sourceEnd(3))).toBe("b\n\n3、c");
    // A repaired word maps to the spun word it replaced.
    expect(source.slice(repaired.sourceStart(4), repaired.sourceEnd(6))).toBe("治理");
  });

  it("keeps offsets when it starts inside a larger source", () => {
    const text = TrackedText.fromSource("xyz", 10);
    expect([text.sourceStart(0), text.sourceEnd(3)]).toEqual([10, 13]);
  });

  it("maps a replacement of a different length to the whole replaced span", () => {
    const text = TrackedText.fromSource("問??;").replaceAll(/問\?\?/g, () => "問住");
    expect(text.text).toBe("問住;");
    expect([text.sourceStart(1), text.sourceEnd(2)]).toEqual([0, 3]);
    expect([text.sourceStart(2), text.sourceEnd(3)]).toEqual([3, 4]);
  });

  it("joins parts and keeps each part's provenance", () => {
    const source = "0123456789";
    const whole = TrackedText.fromSource(source);
    const joined = TrackedText.concat([whole.slice(0, 2), whole.slice(7, 9)]);
    expect(joined.text).toBe("0178");
    expect(source.slice(joined.sourceStart(2), joined.sourceEnd(4))).toBe("78");
  });

  it("refuses overlapping edits instead of guessing", () => {
    const text = TrackedText.fromSource("abcdef");
    expect(() =>
      text.applyEdits([
        { start: 0, end: 3, text: "x" },
        { start: 2, end: 4, text: "y" },
      ]),
    ).toThrow(/overlapping/);
  });
});
