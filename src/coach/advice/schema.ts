import { z } from "zod";
import { LangField, textField } from "../../lib/fields.js";

export const MAX_SCENARIO_CHARS = 4000;

export const AdviceRequestSchema = z.object({
  scenario: textField("scenario", MAX_SCENARIO_CHARS),
  lang: LangField,
  stream: z.boolean().default(false),
  /** A rep's file (/api/reps): the advice reads the rep's tenure and type from it. */
  repId: z.string().min(1).max(200).optional(),
});

export type AdviceRequest = z.infer<typeof AdviceRequestSchema>;
