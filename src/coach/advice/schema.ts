import { z } from "zod";
import { LangField, textField } from "../../lib/fields.js";

export const MAX_SCENARIO_CHARS = 4000;

export const AdviceRequestSchema = z.object({
  scenario: textField("scenario", MAX_SCENARIO_CHARS),
  lang: LangField,
  stream: z.boolean().default(false),
});

export type AdviceRequest = z.infer<typeof AdviceRequestSchema>;
