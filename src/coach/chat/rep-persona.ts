import type { RepDerived } from "./rep-file.js";
import type { RepRecord } from "./types.js";

/**
 * The simulated rep a manager rehearses a talk with, chosen from a rep's file: the new-hire persona of the file's type
 * (4.4.4.2.1: 踏實型, 主見型, 興奮型); a rep in the confused or disappointed stage, or of six months to a year with a
 * falling month, the disappointed rep; a rep of over a year, the passive veteran (4.5.4.2.2); a new rep of no known
 * type, the steady new hire. Every id is a card in prompts/personas/.
 */
export function personaForRep(rep: Pick<RepRecord, "type">, derived: RepDerived): string {
  if (derived.stage === "confusion" || derived.stage === "disappointment") return "disappointed-rep";
  if (derived.tenureGroup === "veteran") return "passive-veteran";
  if (derived.tenureGroup === "half-year")
    return derived.performance === "low" ? "disappointed-rep" : "passive-veteran";
  if (rep.type === "excitable") return "excitable-new-hire";
  if (rep.type === "opinionated") return "opinionated-new-hire";
  return "steady-new-hire";
}
