import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Chunk } from "../src/corpus/types.js";

export const RetrievalCaseSchema = z.object({
  id: z.string(),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  query: z.string().min(1),
  evidence: z.array(z.string().min(1)).default([]),
  hard: z.boolean().default(false),
  outOfScope: z.boolean().default(false),
});

export type RetrievalCase = z.infer<typeof RetrievalCaseSchema> & {
  /** Chunks whose source span holds an evidence phrase: a hit is any of these. */
  targets: string[];
};

/** Reads a jsonl file of cases and resolves each evidence phrase to the chunks that contain it in the seed. */
export function loadRetrievalCases(file: string, seed: string, chunks: readonly Chunk[]): RetrievalCase[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, index) => {
      const parsed = RetrievalCaseSchema.parse(JSON.parse(line));
      const targets = new Set<string>();
      for (const phrase of parsed.evidence) {
        const start = seed.indexOf(phrase);
        if (start < 0) throw new Error(`${file}:${index + 1}: evidence not in the seed: ${phrase}`);
        const end = start + phrase.length;
        for (const chunk of chunks) if (chunk.start < end && start < chunk.end) targets.add(chunk.id);
      }
      if (!parsed.outOfScope && targets.size === 0) throw new Error(`${file}:${index + 1}: evidence in no chunk`);
      return { ...parsed, targets: [...targets] };
    });
}
