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
  /**
   * The ranker and scope model for what is read in a conversation (a follow-up alone and with the turn before it, a
   * message with a rep's file): trained on the advice scenarios and the chat writers' conversations and pairs, so that
   * adding them changes nothing for one-shot advice.
   */
  conversation: z
    .object({ rank: z.array(LinearModelSchema).min(1), scope: LinearModelSchema })
    .nullable()
    .optional(),
});
export type AdviceModelJson = z.infer<typeof AdviceModelSchema>;
