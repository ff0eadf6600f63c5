import { z } from "zod";

export const MAX_SCENARIO_CHARS = 4000;

export const AdviceRequestSchema = z.object({
  scenario: z
    .string({ message: "scenario must be a string" })
    .trim()
    .min(1, "scenario is empty")
    .max(MAX_SCENARIO_CHARS, `scenario is longer than ${MAX_SCENARIO_CHARS} characters; shorten it`),
  lang: z.enum(["auto", "zh-Hant", "zh-Hans", "en"]).default("auto"),
  stream: z.boolean().default(false),
});

export type AdviceRequest = z.infer<typeof AdviceRequestSchema>;
