import { tenureOf } from "../advice/tenure.js";
import type { MonthResult, RepRecord } from "./types.js";

/** What a rep's file says without being asked: how long they have been here, their tenure group, a likely stage. */
export interface RepDerived {
  tenureMonths?: number;
  tenureGroup?: "new" | "half-year" | "veteran";
  /** A likely growth stage (handbook 4.4.4.1), only when the start date and results point to one. */
  stage?: "excitement" | "confusion" | "disappointment" | "growth" | "maturity";
  /** The last month's results against the rep's own earlier months: `low`, `high`, or absent when unclear. */
  performance?: "low" | "high";
}

const DAY_MS = 86_400_000;

/** Whole months (fractional) from a start date (YYYY-MM-DD) to `now`; undefined for a date in the future. */
export function tenureMonths(startDate: string, now: Date): number | undefined {
  const start = Date.parse(`${startDate}T00:00:00Z`);
  if (!Number.isFinite(start)) return undefined;
  const days = (now.getTime() - start) / DAY_MS;
  return days < 0 ? undefined : Math.round((days / 30.44) * 10) / 10;
}

/**
 * The last month against the months before it (at least two of them): under 70 % of their average is low, over
 * 130 % high. A rep's own history, not a target the file does not hold.
 */
export function performanceOf(results: readonly MonthResult[] = []): RepDerived["performance"] {
  const sorted = [...results].sort((a, b) => a.month.localeCompare(b.month));
  const last = sorted.at(-1);
  const before = sorted.slice(-4, -1);
  if (!last || before.length < 2) return undefined;
  const average = before.reduce((sum, month) => sum + month.amount, 0) / before.length;
  if (average <= 0) return last.amount > 0 ? "high" : undefined;
  if (last.amount < average * 0.7) return "low";
  if (last.amount > average * 1.3) return "high";
  return undefined;
}

/**
 * The handbook's stages are told by behaviour, not by dates (4.4.4.1), so the file suggests one only where dates and
 * results say enough: the first month is the excited stage (just joined, curious); a rep of under six months whose
 * results fell is in the confused or disappointed stage (trying without result; seeing others do better); a rep of
 * six months or more whose results rose is growing; over a year with three steady months, mature. Otherwise none.
 */
export function likelyStage(months: number | undefined, results: readonly MonthResult[] = []): RepDerived["stage"] {
  if (months === undefined) return undefined;
  if (months < 1) return "excitement";
  const performance = performanceOf(results);
  if (months < 6) {
    if (performance !== "low") return undefined;
    return months < 3 ? "confusion" : "disappointment";
  }
  if (performance === "high") return "growth";
  const recent = [...results].sort((a, b) => a.month.localeCompare(b.month)).slice(-3);
  if (months >= 12 && recent.length === 3 && recent.every((month) => month.amount > 0) && performance === undefined)
    return "maturity";
  return undefined;
}

/** The derived fields of a file, as of `now`. */
export function deriveRep(rep: Pick<RepRecord, "startDate" | "results">, now: Date): RepDerived {
  const months = rep.startDate ? tenureMonths(rep.startDate, now) : undefined;
  const performance = performanceOf(rep.results);
  const stage = likelyStage(months, rep.results);
  return {
    ...(months !== undefined ? { tenureMonths: months, tenureGroup: tenureOf(months) } : {}),
    ...(stage ? { stage } : {}),
    ...(performance ? { performance } : {}),
  };
}
