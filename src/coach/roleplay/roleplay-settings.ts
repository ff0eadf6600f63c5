import { z } from "zod";

const Scale = z.number().min(0).max(10);

/** prompts/roleplay-settings.json: role-play's tuning numbers and llm-mode prompt words (docs/tuning.md). */
export const RoleplaySettingsSchema = z.object({
  /** Cue weight (prompts/roleplay-moves.json) one sentence needs for its move to count. */
  moveThreshold: z.number().positive(),
  /** With nothing recognised: the meters' average (0–10) at or below which the persona closes up, or above, opens up. */
  mood: z
    .object({ closingUpAtMost: Scale, openingUpAtLeast: Scale })
    .refine((mood) => mood.closingUpAtMost < mood.openingUpAtLeast, {
      message: "closingUpAtMost must be below openingUpAtLeast",
    }),
  /** How far the reply variant moves each turn, so consecutive turns vary. */
  replyStride: z.number().int().min(1),
  llm: z.object({
    transcriptMessages: z.number().int().min(1),
    maxReplyChars: z.number().int().min(1),
    noMoves: z.string().min(1),
    language: z.object({ "zh-Hant": z.string().min(1), "zh-Hans": z.string().min(1), en: z.string().min(1) }),
  }),
});

export type RoleplaySettings = z.infer<typeof RoleplaySettingsSchema>;
