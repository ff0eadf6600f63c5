import { ELEMENTS, type Element } from "./types.js";

/** The rule's settings (prompts/progress-settings.json). */
export interface NextDrillSettings {
  /** How many of the latest pitches "recently" means. */
  window: number;
  /** The highest box of the spacing: an element present this many times in a row is as mastered as it gets. */
  maxBox: number;
}

/** One past pitch, as the rule reads it. */
export interface PastPitch {
  present: Record<Element, boolean>;
  /** The focus of the practice prompt answered, if one was. */
  focus?: Element | "all";
}

export type NextReason =
  | { kind: "start" }
  | { kind: "missed"; element: Element; missed: number; of: number }
  | { kind: "review"; element: Element; streak: number; since: number }
  | { kind: "complete"; of: number };

export interface NextChoice {
  element: Element | "all";
  reason: NextReason;
}

interface ElementState {
  element: Element;
  /** Misses among the latest `window` pitches. */
  missed: number;
  /** Present in this many of the latest pitches in a row. */
  streak: number;
  /** Pitches since the last prompt that focused on it (all of them if none did). */
  since: number;
  /** Share of all pitches that had it. */
  rate: number;
}

/**
 * Which element the rep practises next, with spacing in the manner of a Leitner box: an element's box is how many
 * times in a row it was present (up to `maxBox`), and it is due again after 2^(box-1) pitches without a prompt on it.
 * An element missed in the latest pitch sits in box 0 and is due at once; one missed a few pitches ago is due soon;
 * one present in every pitch for long comes back rarely. Among the due elements the least established goes first
 * (lowest box, then most misses recently, then the lowest presence overall, then the handbook's order). An element
 * that was present in every recent pitch is only ever due as a review; when nothing is due, a whole pitch is.
 *
 * `pitches` are newest first.
 */
export function chooseNextDrill(pitches: readonly PastPitch[], settings: NextDrillSettings): NextChoice {
  if (pitches.length === 0) return { element: "all", reason: { kind: "start" } };
  const recent = pitches.slice(0, settings.window);
  const states: ElementState[] = ELEMENTS.map((element) => {
    const streak = pitches.findIndex((pitch) => !pitch.present[element]);
    const since = pitches.findIndex((pitch) => pitch.focus === element);
    return {
      element,
      missed: recent.filter((pitch) => !pitch.present[element]).length,
      streak: streak < 0 ? pitches.length : streak,
      since: since < 0 ? pitches.length : since,
      rate: pitches.filter((pitch) => pitch.present[element]).length / pitches.length,
    };
  });
  const box = (state: ElementState) => Math.min(state.streak, settings.maxBox);
  const due = states.filter((state) => box(state) === 0 || state.since >= 2 ** (box(state) - 1));
  due.sort(
    (x, y) =>
      box(x) - box(y) ||
      y.missed - x.missed ||
      x.rate - y.rate ||
      ELEMENTS.indexOf(x.element) - ELEMENTS.indexOf(y.element),
  );
  const chosen = due[0];
  if (!chosen) return { element: "all", reason: { kind: "complete", of: recent.length } };
  if (chosen.missed > 0)
    return {
      element: chosen.element,
      reason: { kind: "missed", element: chosen.element, missed: chosen.missed, of: recent.length },
    };
  return {
    element: chosen.element,
    reason: { kind: "review", element: chosen.element, streak: chosen.streak, since: chosen.since },
  };
}
