import { z } from "zod";

const Count = z.number().int().min(1);
const NonNegative = z.number().min(0);

/** prompts/advice-settings.json: the offline advice engine's tuning numbers (each explained in docs/tuning.md). */
export const AdviceSettingsSchema = z.object({
  /** Passages retrieved per scenario, and the most the advice draws on. */
  passages: Count,
  /** Steps quoted: at least `min` if the passages allow, at most `max`, up to `rounds` sentences per passage. */
  steps: z
    .object({ min: Count, max: Count, rounds: Count })
    .refine((steps) => steps.min <= steps.max, { message: "min must not exceed max" }),
  /** How a handbook sentence is scored as a candidate step. */
  sentence: z.object({
    minChars: Count,
    actionMarkers: z.array(z.string().min(1)).min(1),
    actionWeight: NonNegative,
    sharedBigramsPerPoint: z.number().positive(),
    sharedCap: NonNegative,
    charsPerPoint: z.number().positive(),
    lengthCap: NonNegative,
    rankPenalty: NonNegative,
    focusBonus: NonNegative,
  }),
  /** Passage titles named in the summary. */
  summaryTitles: Count,
  /** An explicit duration ("做了三年") counts as this many cue words for the tenure finding. */
  durationWeight: NonNegative,
});

export type AdviceSettings = z.infer<typeof AdviceSettingsSchema>;
