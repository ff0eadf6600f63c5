import { z } from "zod";
import { CUE_RULES } from "./cues.js";

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
    /** How much the sentence's place in the pitch weighs (first, last, which fifth; 0: not at all). */
    positionWeight: z.number().min(0),
  }),
  /** How the models are trained (evals/fabe-training.ts): retrain after a change. */
  training: z.object({
    epochs: Count,
    rate: z.number().positive(),
    l2: z.number().min(0),
    seed: z.number().int(),
    minCount: Count,
    violationWeight: z.number().positive(),
    aloneWeight: z.number().min(0),
  }),
  labeller: z.object({
    elementProbability: z.number().min(0).max(1),
    /** How much the label-to-label transitions weigh against each sentence's own probabilities (0: not at all). */
    transitionWeight: z.number().min(0),
    /**
     * What a Benefit's probability is multiplied by in a sentence with no customer cue (0: never B there). The
     * customer is often named in the third person: the school, the clinic, the child, 貴科.
     */
    unaddressedBenefit: z.number().min(0).max(1),
    /** What the transitions from a pitch's start and to its end weigh, as a share of `transitionWeight`. */
    edgeWeight: z.number().min(0).max(1),
  }),
  /** How sure the violation model (prompts/fabe-model.json `violations`) must be before a sentence is flagged. */
  violations: z.object({
    probability: z.number().min(0).max(1),
    /** A rule's own threshold where it differs from `probability` (chosen leaving one writer out). */
    ruleProbability: z.partialRecord(z.enum(CUE_RULES), z.number().min(0).max(1)).default({}),
    /** What counts as speaking to the customer, for `no-customer` (violations.ts). */
    addressed: z.object({
      titles: Words,
      greetings: Words,
      generic: Words,
      /** A letter's opening words before the addressee's name (尊敬的), unless a word of `genericZh` follows. */
      salutations: Words,
      genericZh: Words,
      /** The words after the addressee in a formal Chinese letter's first line (鈞鑒, 台鑒). */
      letterTerms: Words,
      /** A sentence the labeller finds at least this likely a Benefit speaks of the customer's situation (0: off). */
      benefitAt: z.number().min(0).max(1),
      /**
       * The addressed model's P(no sentence speaks to the customer) a pitch needs for `no-customer` (0: the rules
       * above alone decide).
       */
      learnedAt: z.number().min(0).max(1),
      /** With the addressed model: 1 when the rules above must also find nobody addressed, 0 when it decides alone. */
      ruleGate: z.number().int().min(0).max(1),
    }),
  }),
  /** The 0–100 score's points (score-pitch.ts, docs/fabe.md). */
  rubric: z.object({
    perElement: Weight,
    orderBonus: Weight,
    concreteEvidenceBonus: Weight,
    concreteEvidenceMinChars: Count,
    /** The most a pitch can score when it is not about the drill's product. */
    offProductCap: Weight,
    penalty: z.object({
      "casual-promise": Weight,
      contradiction: Weight,
      arguing: Weight,
      bragging: Weight,
      "delaying-order": Weight,
      "no-customer": Weight,
    }),
  }),
  /** When a pitch practised on a card is about something else (off-product.ts). */
  offProduct: z.object({ minShared: z.number().int().min(0), shared: Count }),
  /** How a pitch is cut into sentences (split.ts). */
  split: z.object({
    runOnCjk: Count,
    runOnWords: Count,
    minPieceChars: Count,
    minTailChars: Count,
    chineseOpeners: Words,
    englishOpeners: Words,
    continuers: Words,
    finalParticles: z.array(z.string().length(1)).min(1),
    abbreviations: z.array(z.string().regex(/^[A-Za-z]+$/, "letters only")).min(1),
  }),
});

export type FabeSettings = z.infer<typeof FabeSettingsSchema>;
export type SplitSettings = FabeSettings["split"];
