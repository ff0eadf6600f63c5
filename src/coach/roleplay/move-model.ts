import { z } from "zod";
import { LinearModelSchema } from "../fabe/linear-model.js";
import { CallModelSchema } from "./call-model.js";
import { MANAGER_TURN_MOVES, REP_TURN_MOVES } from "./moves.js";

/**
 * Every move of each mode is learned. A rep's F, A, B and E too: the FABE labeller's label of the sentence is one of
 * the features, and the model learns how far to trust it in a spoken turn (better than the label alone, when one
 * writer is left out: F1 of F 0.71 → 0.76, B 0.74 → 0.78).
 */
export const MODEL_MOVES = { "manager-rep": MANAGER_TURN_MOVES, "rep-customer": REP_TURN_MOVES } as const;

const sameLabels = (expected: readonly string[]) => (model: { labels: readonly string[] }) =>
  model.labels.length === expected.length && model.labels.every((label, index) => label === expected[index]);

/**
 * prompts/roleplay-move-model.json, written by `npm run roleplay:train`: per mode, one logistic regression per move
 * over a turn's sentences (move-features.ts; a sentence can make several moves), trained on the turn writers' sets (evals/roleplay/writers/), and how it was
 * made.
 */
export const MoveModelSchema = z.object({
  "manager-rep": LinearModelSchema.refine(sameLabels(MODEL_MOVES["manager-rep"]), {
    message: `labels must be ${MODEL_MOVES["manager-rep"].join(", ")}`,
  }),
  "rep-customer": LinearModelSchema.refine(sameLabels(MODEL_MOVES["rep-customer"]), {
    message: `labels must be ${MODEL_MOVES["rep-customer"].join(", ")}`,
  }),
  /**
   * What a turn calls for (call-model.ts). Absent from models trained for the moves alone (the leave-one-writer-out
   * tools): a reply then answers the moves read.
   */
  call: CallModelSchema.optional(),
  trainedOn: z.object({ files: z.array(z.string()), sha256: z.string(), settings: z.record(z.string(), z.number()) }),
});
export type MoveModelJson = z.infer<typeof MoveModelSchema>;
