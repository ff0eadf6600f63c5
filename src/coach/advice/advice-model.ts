import { z } from "zod";
import { LinearModelSchema } from "../fabe/linear-model.js";

/**
 * prompts/advice-model.json, written by `npm run advice:train` from the judged tuning scenarios
 * (evals/advice/writers/, evals/advice/judgments/): the diagnosis of who, tenure and problem, and the passage
 * ranker. `null` for either part means it is not trained yet and advice reads by cue words and fused rank.
 */
export const AdviceModelSchema = z.object({
  /** A hash of the training data and settings, so `--check` can tell a stale model. */
  trainedOn: z.string(),
  diagnosis: z.object({ who: LinearModelSchema, tenure: LinearModelSchema, problem: LinearModelSchema }).nullable(),
  /** The passage ranker: models trained on resamples of the judged scenarios, whose fits are averaged. */
  rank: z.array(LinearModelSchema).min(1).nullable(),
  /** Whether the handbook covers a scenario (labels `in` and `out`), over `scopeFeatures`. */
  scope: LinearModelSchema.nullable(),
});
export type AdviceModelJson = z.infer<typeof AdviceModelSchema>;
