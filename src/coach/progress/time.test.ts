import { describe, expect, it } from "vitest";
import { streakOf, weekStart } from "./time.js";

describe("days and weeks at the reader's offset", () => {
  it("a week starts on Monday at midnight where the reader is", () => {
    // Sunday 2026-12-06 20:00 UTC is already Monday 04:00 in Taipei (UTC+8).
    const now = new Date("2026-12-06T20:00:00Z");
    expect(weekStart(now, 480)).toBe("2026-12-06T16:00:00.000Z");
    expect(weekStart(now, 0)).toBe("2026-11-30T00:00:00.000Z");
  });

  it("a streak counts days in a row up to today, or up to yesterday before today's practice", () => {
    const now = new Date("2026-12-07T10:00:00Z");
    expect(streakOf(["2026-12-07", "2026-12-06", "2026-12-05", "2026-12-03"], now, 0)).toBe(3);
    expect(streakOf(["2026-12-06", "2026-12-05"], now, 0)).toBe(2);
    expect(streakOf(["2026-12-05"], now, 0)).toBe(0);
    expect(streakOf([], now, 0)).toBe(0);
  });
});
