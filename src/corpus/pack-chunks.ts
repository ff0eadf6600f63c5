import type { Unit } from "./segment.js";

export interface PackOptions {
  /** A chunk grows past this only when a single unit is longer. */
  maxChars: number;
  /** Aim for chunks of about this size, so a section of 500 characters gives two of 250, not 400 + 100. */
  targetChars: number;
  /** A last chunk shorter than this joins the one before it when the two fit under maxChars. */
  minChars: number;
}

export const DEFAULT_PACK: PackOptions = { maxChars: 400, targetChars: 300, minChars: 120 };

/**
 * Groups consecutive units of one section into chunks of balanced size. Returns [first, last]
 * unit indexes (inclusive) for each chunk. Units are never split, so translations stay whole.
 */
export function packChunks(units: readonly Unit[], options: PackOptions = DEFAULT_PACK): Array<[number, number]> {
  if (units.length === 0) return [];
  const total = (units.at(-1) as Unit).end - (units[0] as Unit).start;
  const count = Math.max(1, Math.ceil(total / options.targetChars));
  const target = total / count;
  const groups: Array<[number, number]> = [];
  let first = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    const groupStart = (units[first] as Unit).start;
    const next = units[i + 1];
    if (!next) break;
    const withNext = next.end - groupStart;
    const current = unit.end - groupStart;
    // Close the chunk when the next unit would overshoot the target by more than stopping here undershoots it,
    // and always before it would pass the hard maximum.
    const overshoot = withNext - target;
    const undershoot = target - current;
    if (withNext > options.maxChars || (current >= target * 0.5 && overshoot > undershoot)) {
      groups.push([first, i]);
      first = i + 1;
    }
  }
  groups.push([first, units.length - 1]);
  const last = groups.at(-1) as [number, number];
  const previous = groups.at(-2);
  const span = (from: number, to: number) => (units[to] as Unit).end - (units[from] as Unit).start;
  if (previous && span(last[0], last[1]) < options.minChars && span(previous[0], last[1]) <= options.maxChars) {
    groups.splice(-2, 2, [previous[0], last[1]]);
  }
  return groups;
}
