/** One measured figure of an eval suite; `pass` is false when it misses its threshold. */
export interface Metric {
  name: string;
  value: number;
  /** Human-readable threshold, e.g. ">= 0.90"; absent for figures reported for information. */
  threshold?: string;
  pass: boolean;
  /** An acceptance figure an open issue has not reached yet (see `target`). */
  belowTarget?: boolean;
}

export interface SuiteResult {
  suite: string;
  metrics: Metric[];
  /** Lines worth reading under the table (failures, examples). */
  notes: string[];
}

export function atLeast(name: string, value: number, minimum: number): Metric {
  return { name, value, threshold: `>= ${minimum}`, pass: value >= minimum };
}

export function atMost(name: string, value: number, maximum: number): Metric {
  return { name, value, threshold: `<= ${maximum}`, pass: value <= maximum };
}

/**
 * An acceptance figure of an open issue that has not been reached: reported against the threshold, marked
 * "below target" in the table, and not failing the run. Only for a figure an issue note reports as unreached, with
 * what was tried; the threshold is the issue's own and never lowered. When the figure is reached, it becomes
 * `atLeast` again.
 */
export function target(name: string, value: number, minimum: number): Metric {
  return { name, value, threshold: `>= ${minimum} (target)`, pass: true, belowTarget: value < minimum };
}

export function info(name: string, value: number): Metric {
  return { name, value, pass: true };
}

/**
 * In llm mode, how many answers the model gave and how many fell back to the offline engine: a suite's
 * figures mean little about the model if most of its answers were offline ones. Nothing offline.
 */
export function modelUse(answers: ReadonlyArray<{ mode: string; fallback?: string }>): Metric[] {
  if (!answers.some((answer) => answer.mode === "llm" || answer.fallback)) return [];
  const fellBack = answers.filter((answer) => answer.fallback).length;
  return [
    info("llm-mode answers kept (not fallen back)", answers.length - fellBack),
    info("answers that fell back to offline", fellBack),
  ];
}

/** `target`'s counterpart for a figure that must stay at or under the issue's threshold. */
export function targetAtMost(name: string, value: number, maximum: number): Metric {
  return { name, value, threshold: `<= ${maximum} (target)`, pass: true, belowTarget: value > maximum };
}
