import { z } from "zod";
import { CUE_RULES, LABELS } from "./cues.js";
import { LinearModelSchema } from "./linear-model.js";

/** The violations a single sentence shows; `no-customer` is judged on the whole pitch instead. */
export const SENTENCE_RULES = CUE_RULES;
/** The violation model's label for a sentence that breaks no principle. */
export const NO_VIOLATION = "none";
/** The addressed model's labels: a sentence that does not speak to the customer or their situation, one that does. */
export const ADDRESSED_LABELS = ["no", "addressed"] as const;

const sameLabels = (expected: readonly string[]) => (model: { labels: readonly string[] }) =>
  model.labels.length === expected.length && model.labels.every((label, index) => label === expected[index]);

/**
 * prompts/fabe-model.json, written by `npm run fabe:train`: the sentence labeller (F, A, B, E, other) and the
 * violation finder (none or one of SENTENCE_RULES), both logistic regressions over the same sentence features,
 * whether a sentence speaks to the customer (for `no-customer`), and how they were made.
 */
export const FabeModelSchema = z.object({
  sentences: LinearModelSchema.refine(sameLabels(LABELS), { message: `labels must be ${LABELS.join(", ")}` }),
  violations: LinearModelSchema.refine(sameLabels([NO_VIOLATION, ...SENTENCE_RULES]), {
    message: `labels must be ${[NO_VIOLATION, ...SENTENCE_RULES].join(", ")}`,
  }),
  /**
   * Whether a sentence speaks to the customer or their situation, learned from the writers' `no-customer` verdicts
   * on whole pitches (`trainAnyOfModel`): violations.ts weighs it for `no-customer`.
   */
  addressed: LinearModelSchema.refine(sameLabels(ADDRESSED_LABELS), {
    message: `labels must be ${ADDRESSED_LABELS.join(", ")}`,
  }),
  /**
   * How often each label follows another in the training pitches, as log-probabilities: a row per `start` and
   * each of LABELS, a column per each of LABELS and `end`. The labeller weighs them in (labeller.ts).
   */
  transitions: z.array(z.array(z.number()).length(LABELS.length + 1)).length(LABELS.length + 1),
  /** The training files and their hash (with the cue and settings files), and the training settings. */
  trainedOn: z.object({ files: z.array(z.string()), sha256: z.string(), settings: z.record(z.string(), z.number()) }),
});
export type FabeModelJson = z.infer<typeof FabeModelSchema>;
