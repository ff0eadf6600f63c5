import { z } from "zod";

const Words = z.object({ "zh-Hant": z.string().min(1), en: z.string().min(1) });

/** prompts/progress.json. */
export const ProgressSettingsSchema = z.object({
  window: z.number().int().min(1).max(50),
  maxBox: z.number().int().min(1).max(10),
  recentLimit: z.number().int().min(10).max(2000),
  elements: z.object({ F: Words, A: Words, B: Words, E: Words }),
  reasons: z.object({ start: Words, missed: Words, missedFirst: Words, review: Words, complete: Words }),
});
export type ProgressSettings = z.infer<typeof ProgressSettingsSchema>;
