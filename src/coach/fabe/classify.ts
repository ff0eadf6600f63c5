import type { CueHit, FabeCues, Group, Label } from "./cues.js";

export interface Classification {
  label: Label;
  /** The words that decided the label. */
  cues: string[];
}

/**
 * Labels one sentence of a pitch from its cue groups, by the labelling guide's own tests, in order:
 *  - other: a question or request, a greeting, the customer's words restated, or a contradiction or
 *    argument with the customer — none of these is FABE content;
 *  - E: proof (past results of others, customer counts, awards, trials);
 *  - B: the customer addressed and a gain named;
 *  - A: a comparison or a "so it / which means" capability;
 *  - F: what is left is a statement of what the product is or has.
 */
export function classify(text: string, cues: FabeCues): Classification {
  const hits = cues.hits(text);
  const score = (group: Group) => hits.filter((hit) => hit.group === group).reduce((sum, hit) => sum + hit.weight, 0);
  const words = (...groups: Group[]) => [...new Set(hits.filter((hit) => groups.includes(hit.group) && hit.weight > 0).map((hit) => hit.cue))];
  const disputes = cues.violations(text).filter((violation) => violation.rule !== "casual-promise");

  if (score("ask") >= 3 || score("restate") >= 3 || disputes.length > 0 || (score("greeting") >= 3 && score("evidence") < 2)) {
    return { label: "other", cues: [...words("ask", "restate", "greeting"), ...disputes.map((dispute) => dispute.form)] };
  }
  const customer = score("customer");
  const gain = score("gain");
  const evidence = score("evidence");
  // The customer promised a gain is a benefit even when it mentions others ("裝了之後,您一年能省下八成").
  const promisedGain = customer > 0 && gain >= 2 && evidence < 5;
  if (!promisedGain && (evidence >= 3 || (evidence >= 2 && !(customer > 0 && gain > 0)))) return { label: "E", cues: words("evidence") };
  if (customer > 0 && gain > 0) return { label: "B", cues: words("customer", "gain") };
  if (score("ask") >= 2) return { label: "other", cues: words("ask") };
  if (score("comparison") >= 2) return { label: "A", cues: words("comparison") };
  return { label: "F", cues: [] };
}

/** The cue words that speak for a label, when a labeller other than these rules chose it (the trained one). */
export function cuesFor(label: Label, text: string, cues: FabeCues): string[] {
  const hits = cues.hits(text);
  const words = (...groups: Group[]) => [...new Set(hits.filter((hit) => groups.includes(hit.group) && hit.weight > 0).map((hit) => hit.cue))];
  switch (label) {
    case "E":
      return words("evidence");
    case "B":
      return words("customer", "gain");
    case "A":
      return words("comparison");
    case "other":
      return [...words("ask", "restate", "greeting"), ...cues.violations(text).filter((violation) => violation.rule !== "casual-promise").map((violation) => violation.form)];
    default:
      return [];
  }
}

export type { CueHit };
