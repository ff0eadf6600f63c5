import { z } from "zod";

const Weight = z.number().min(0);
const Count = z.number().int().min(1);
const Words = z.array(z.string().min(1)).min(1);

/** prompts/fabe-settings.json: the FABE drill's tuning numbers and word lists (each explained in docs/tuning.md). */
export const FabeSettingsSchema = z.object({
  /** Cue-weight sums at which the rules (classify.ts) decide a label. */
  rules: z.object({
    otherAsk: Weight,
    otherRestate: Weight,
    otherGreeting: Weight,
    greetingUnlessEvidence: Weight,
    promisedGain: Weight,
    promisedGainEvidenceBelow: Weight,
    evidence: Weight,
    evidenceUnlessBenefit: Weight,
    weakAsk: Weight,
    comparison: Weight,
  }),
  /** How a sentence becomes the trained labeller's inputs (features.ts); the model is trained with these. */
  features: z.object({
    groupCap: z.number().positive(),
    groupScale: z.number().positive(),
    groupStrong: Weight,
    groupStronger: Weight,
    positionBuckets: Count,
    wordWeight: z.number().positive(),
  }),
  labeller: z.object({ elementProbability: z.number().min(0).max(1) }),
  /** The 0–100 score's points (score-pitch.ts, docs/fabe.md). */
  rubric: z.object({
    perElement: Weight,
    orderBonus: Weight,
    concreteEvidenceBonus: Weight,
    concreteEvidenceMinChars: Count,
    penalty: z.object({ "casual-promise": Weight, contradiction: Weight, arguing: Weight, "no-customer": Weight }),
  }),
  /** How a pitch is cut into sentences (split.ts). */
  split: z.object({
    longCjk: Count,
    longWords: Count,
    runOnCjk: Count,
    runOnWords: Count,
    minPieceChars: Count,
    minTailChars: Count,
    greetingMinRestChars: z.number().int().min(0),
    abbreviationLookbackChars: Count,
    chineseOpeners: Words,
    englishOpeners: Words,
    continuers: Words,
    finalParticles: z.array(z.string().length(1)).min(1),
    abbreviations: z.array(z.string().regex(/^[A-Za-z]+$/, "letters only")).min(1),
  }),
});

export type FabeSettings = z.infer<typeof FabeSettingsSchema>;
export type SplitSettings = FabeSettings["split"];
