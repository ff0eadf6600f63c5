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

/** One case per non-empty line of a .jsonl file, each checked against its schema. */
export function readJsonl<T extends z.ZodType>(file: string, schema: T): Array<z.infer<T>> {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => schema.parse(JSON.parse(line)));
}

/** Reads a jsonl file of cases and resolves each evidence phrase to the chunks that contain it in the seed. */
export function loadRetrievalCases(file: string, seed: string, chunks: readonly Chunk[]): RetrievalCase[] {
  return readJsonl(file, RetrievalCaseSchema).map((parsed, index) => {
    const targets = evidenceTargets(parsed.evidence, seed, chunks, `${file}:${index + 1}`);
    if (!parsed.outOfScope && targets.length === 0) throw new Error(`${file}:${index + 1}: evidence in no chunk`);
    return { ...parsed, targets };
  });
}

/** The chunks whose source span overlaps an evidence phrase, found verbatim in the seed (or an error). */
export function evidenceTargets(
  phrases: readonly string[],
  seed: string,
  chunks: readonly Chunk[],
  where: string,
): string[] {
  const targets = new Set<string>();
  for (const phrase of phrases) {
    const start = seed.indexOf(phrase);
    if (start < 0) throw new Error(`${where}: evidence not in the seed: ${phrase}`);
    const end = start + phrase.length;
    for (const chunk of chunks) if (chunk.start < end && start < chunk.end) targets.add(chunk.id);
  }
  return [...targets];
}
