import { z } from "zod";

const Scale = z.number().min(0).max(10);

/** prompts/roleplay-settings.json: role-play's tuning numbers and llm-mode prompt words (docs/tuning.md). */
export const RoleplaySettingsSchema = z.object({
  /** Cue weight (prompts/roleplay-moves.json) one sentence needs for its move to count. */
  moveThreshold: z.number().positive(),
  /** With the trained move model: the probability one sentence needs for a move to count. */
  moveProbability: z.number().min(0).max(1),
  /**
   * Moves whose own probability differs from `moveProbability`: each is the threshold at which the move's
   * leave-one-writer-out F1 is highest (`npx tsx evals/roleplay/choose-thresholds.ts`, docs/tuning.md).
   */
  moveThresholds: z.record(z.string(), z.number().min(0).max(1)).default({}),
  /** A turn in which no move reaches its own threshold reads the moves that reach this one (docs/tuning.md). */
  fallbackProbability: z.number().min(0).max(1).optional(),
  /** Pairs of moves one sentence cannot make together (the likelier is kept). */
  exclusive: z.array(z.tuple([z.string(), z.string()])),
  /** How the move model reads a sentence (move-features.ts); the model is trained with these. */
  features: z.object({
    wordWeight: z.number().positive(),
    cueCap: z.number().positive(),
    contextWeight: z.number().min(0),
  }),
  /** How `npm run roleplay:train` trains the move model (the FABE trainer's settings, docs/tuning.md). */
  training: z.object({
    epochs: z.number().int().min(1),
    rate: z.number().positive(),
    l2: z.number().min(0),
    seed: z.number().int(),
    minCount: z.number().int().min(1),
    /** How much a sentence counts for a move it makes, against 1 for each move it does not make. */
    positiveWeight: z.number().positive(),
    /** A weight this small or smaller is stored as 0, and a feature with no other weight left out (file size). */
    negligible: z.number().min(0),
    /** Steps per unit the weights are stored in: 20 keeps them to 0.05, and the file then compresses well. */
    scale: z.number().int().min(1).max(100),
  }),
  /** With nothing recognised: the meters' average (0–10) at or below which the persona closes up, or above, opens up. */
  mood: z
    .object({ closingUpAtMost: Scale, openingUpAtLeast: Scale, acceptAtLeast: Scale })
    .refine((mood) => mood.closingUpAtMost < mood.openingUpAtLeast, {
      message: "closingUpAtMost must be below openingUpAtLeast",
    }),
  /**
   * Which moves a reply answers before the one that moved the meters most, in order: offers (a response to the
   * offer), then questions (an answer).
   */
  answerFirst: z.array(z.array(z.string()).min(1)),
  /**
   * How a reply answers what the turn calls for (the call model, docs/roleplay-call-guide.md): the situations whose
   * lines answer a question no question move was read in (the first the card has), and whether a proposal is taken
   * up by the person's mood or by whether the turn lifted the meters (docs/tuning.md).
   */
  call: z.object({
    answerWith: z.array(z.string()).min(1),
    /** How much an offer or question move read adds to the call model's probability of `decide` or `answer`. */
    moveWeight: z.number().min(0),
    /** Training: the call model keeps the features seen in at least this many labelled turns. */
    minCount: z.number().int().min(1),
    /** Training: call model weights this small or smaller are stored as 0 (the Worker's size). */
    negligible: z.number().min(0),
    acceptBy: z.enum(["mood", "turn"]),
  }),
  /** The first turn at which a card's success or breakdown condition ends the session. */
  endFromTurn: z.number().int().min(1),
  /**
   * How far a meter can move. The gauge shows 0–10, but a person who is already at 0 and is scolded again is
   * worse off, not the same: below the gauge the meter keeps counting down to `min`, and good moves must first
   * climb back from there (docs/tuning.md).
   */
  meters: z
    .object({ min: z.number().max(0), max: z.number().min(10) })
    .refine((meters) => meters.min < meters.max, { message: "meters.min must be below meters.max" }),
  /** How far the reply variant moves each turn, so consecutive turns vary. */
  replyStride: z.number().int().min(1),
  llm: z.object({
    transcriptMessages: z.number().int().min(1),
    maxReplyChars: z.number().int().min(1),
    noMoves: z.string().min(1),
    /** What the simulation's line does, as the prompt tells the model (by the line's `kind`). */
    kinds: z.object({
      answer: z.string().min(1),
      accept: z.string().min(1),
      counter: z.string().min(1),
      other: z.string().min(1),
    }),
    language: z.object({ "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1), en: z.string().min(1) }),
  }),
});

export type RoleplaySettings = z.infer<typeof RoleplaySettingsSchema>;
