import type { CueHit, FabeCues, Group, Label } from "./cues.js";
import type { FabeSettings } from "./fabe-settings.js";

/** The cue-weight sums the rules decide at (prompts/fabe-settings.json `rules`). */
export type RuleSettings = FabeSettings["rules"];

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
export function classify(text: string, cues: FabeCues, rules: RuleSettings): Classification {
  const hits = cues.hits(text);
  const disputes = disputesIn(text, cues);
  const label = ruleLabel(hits, disputes, rules);
  return { label, cues: cueWords(label, hits, disputes) };
}

function ruleLabel(hits: readonly CueHit[], disputes: readonly string[], rules: RuleSettings): Label {
  const score = (group: Group) => hits.filter((hit) => hit.group === group).reduce((sum, hit) => sum + hit.weight, 0);
  const greeting = score("greeting") >= rules.otherGreeting && score("evidence") < rules.greetingUnlessEvidence;
  const asks = score("ask") >= rules.otherAsk;
  if (asks || score("restate") >= rules.otherRestate || disputes.length > 0 || greeting) return "other";
  const customer = score("customer");
  const gain = score("gain");
  const evidence = score("evidence");
  // The customer promised a gain is a benefit even when it mentions others ("裝了之後,您一年能省下八成").
  const promisedGain = customer > 0 && gain >= rules.promisedGain && evidence < rules.promisedGainEvidenceBelow;
  const benefit = customer > 0 && gain > 0;
  const proof = evidence >= rules.evidence || (evidence >= rules.evidenceUnlessBenefit && !benefit);
  if (!promisedGain && proof) return "E";
  if (benefit) return "B";
  if (score("ask") >= rules.weakAsk) return "other";
  if (score("comparison") >= rules.comparison) return "A";
  return "F";
}

/** The cue words that speak for a label, whichever labeller chose it (these rules or the trained one). */
export function cuesFor(label: Label, text: string, cues: FabeCues): string[] {
  return cueWords(label, cues.hits(text), disputesIn(text, cues));
}

function cueWords(label: Label, hits: readonly CueHit[], disputes: readonly string[]): string[] {
  const words = (...groups: Group[]) => [
    ...new Set(hits.filter((hit) => groups.includes(hit.group) && hit.weight > 0).map((hit) => hit.cue)),
  ];
  switch (label) {
    case "E":
      return words("evidence");
    case "B":
      return words("customer", "gain");
    case "A":
      return words("comparison");
    case "other":
      return [...words("ask", "restate", "greeting"), ...disputes];
    default:
      return [];
  }
}

/** Contradicting or arguing with the customer (a promise is a violation, but not a reason for `other`). */
function disputesIn(text: string, cues: FabeCues): string[] {
  return cues
    .violations(text)
    .filter((violation) => violation.rule !== "casual-promise")
    .map((violation) => violation.form);
}

export type { CueHit };
