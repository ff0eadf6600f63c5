import { z } from "zod";

const Count = z.number().int().min(1);
const NonNegative = z.number().min(0);

/** Stochastic gradient descent for one of `npm run advice:train`'s models. */
const Training = z.object({
  epochs: Count,
  rate: z.number().positive(),
  l2: NonNegative,
  seed: z.number().int(),
  minCount: Count,
});

/** prompts/advice-settings.json: the offline advice engine's tuning numbers (each explained in docs/tuning.md). */
export const AdviceSettingsSchema = z.object({
  /** Passages retrieved per scenario, and the most the advice draws on. */
  passages: Count,
  /**
   * Steps quoted: at least `min` if the passages allow, at most `max`, up to `rounds` sentences per passage; the best
   * passage gives its `fromBest` best sentences before the next passage gives one.
   */
  steps: z
    .object({ min: Count, max: Count, rounds: Count, fromBest: Count })
    .refine((steps) => steps.min <= steps.max, { message: "min must not exceed max" }),
  /** How a handbook sentence is scored as a candidate step. */
  sentence: z.object({
    minChars: Count,
    /**
     * What a sentence of each role (corpus/sentence-roles.tsv) starts with; a role not listed (heading, platitude,
     * situation) is never a step.
     */
    roles: z.object({ advice: z.number(), reason: z.number(), example: z.number() }).partial(),
    /** Added per point of a sentence's weight (1–3: how much a manager gains from it alone). */
    weightPoints: NonNegative,
    actionMarkers: z.array(z.string().min(1)).min(1),
    actionWeight: NonNegative,
    sharedBigramsPerPoint: z.number().positive(),
    /** English words the scenario shares with a sentence's English and its situation, per point. */
    sharedWordsPerPoint: z.number().positive(),
    sharedCap: NonNegative,
    charsPerPoint: z.number().positive(),
    lengthCap: NonNegative,
    rankPenalty: NonNegative,
    focusBonus: NonNegative,
  }),
  /**
   * Re-ranking by fit (passage-ranker.ts), with the trained model: how many retrieved passages it weighs, the fit a
   * passage needs to be quoted (0–1: the chance it is useful plus half the chance it is partial), and the training
   * settings of `npm run advice:train`.
   */
  rank: z.object({
    candidates: Count,
    /** The best passages by situation (manager-situations.tsv and passage-situations.tsv) that join the candidates. */
    fromSituations: z.number().int().min(0),
    minFit: z.number().min(0).max(1),
    /** The fit a passage the diagnosed type or stage has of its own needs to be quoted (prompts/diagnosis.json). */
    focusFit: z.number().min(0).max(1),
    /** With the scope model: the chance the handbook covers a scenario it needs to be answered (0–1). */
    minCoverage: z.number().min(0).max(1),
    /** Ranker models trained on bootstrap resamples and averaged (1: one model on all the data). */
    bag: Count,
    training: Training,
    scopeTraining: Training,
    diagnosisTraining: Training,
  }),
  /** A follow-up in a conversation (src/coach/chat/follow-up.ts). */
  followUp: z.object({
    /** The fit of a passage an earlier answer already quoted is multiplied by this (0–1). */
    quotedWeight: z.number().min(0).max(1),
    /** The weight of the follow-up read alone, against 1 for it read with the turns before (0: never alone). */
    aloneWeight: z.number().min(0).max(2),
    /** The passages an answer in a conversation keeps at least, best first, whatever their fit. */
    minPassages: Count,
  }),
  /** Passage titles named in the summary. */
  summaryTitles: Count,
  /** An explicit duration ("做了三年") counts as this many cue words for the tenure finding. */
  durationWeight: NonNegative,
});

export type AdviceSettings = z.infer<typeof AdviceSettingsSchema>;
