import { z } from "zod";
import type { Advice } from "../../src/coach/advice/types.js";
import type { CorpusIndex } from "../../src/corpus/corpus-index.js";
import type { Chunk } from "../../src/corpus/types.js";
import { evidenceTargets, readJsonl } from "../cases.js";
import { atLeast, info, type Metric, modelUse, type SuiteResult } from "../types.js";

const AdviceCaseSchema = z.object({
  id: z.string(),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  scenario: z.string().min(1),
  evidence: z.array(z.string()).default([]),
  topic: z.string().optional(),
  outOfScope: z.boolean().default(false),
});

type AdviceCase = z.infer<typeof AdviceCaseSchema> & { targets: string[] };

/** Reads evals/advice.jsonl and resolves each evidence phrase to the chunks that hold it in the seed. */
export function loadAdviceCases(file: string, seed: string, chunks: readonly Chunk[]): AdviceCase[] {
  return readJsonl(file, AdviceCaseSchema).map((parsed) => ({
    ...parsed,
    targets: evidenceTargets(parsed.evidence, seed, chunks, parsed.id),
  }));
}

/** Every citation names a real chunk; every quote is verbatim in a chunk its line cites. */
export function groundingErrors(advice: Advice, corpus: CorpusIndex): string[] {
  const errors: string[] = [];
  for (const line of [...advice.steps, ...advice.talkTrack, ...advice.watch]) {
    for (const id of line.citations) if (!corpus.chunk(id)) errors.push(`unknown chunk ${id}`);
    if (line.quote && !line.citations.some((id) => corpus.chunk(id)?.text.includes(line.quote as string)))
      errors.push(`quote not verbatim: ${line.quote}`);
    if (advice.steps.includes(line) && line.citations.length === 0) errors.push("step without citation");
  }
  for (const chunk of advice.citations) if (!corpus.chunk(chunk.id)) errors.push(`unknown cited chunk ${chunk.id}`);
  return errors;
}

/**
 * The advice suite (offline, or llm mode when `answer` asks a model): grounding (every citation real, every quote verbatim), evidence (the expected
 * passage among the step citations), abstention, and latency per case.
 */
export async function adviceSuite(
  answer: (scenario: string) => Promise<Advice>,
  corpus: CorpusIndex,
  cases: readonly AdviceCase[],
): Promise<SuiteResult> {
  const notes: string[] = [];
  const rows: Array<{ item: AdviceCase; advice: Advice; ms: number; errors: string[] }> = [];
  for (const item of cases) {
    const started = performance.now();
    const advice = await answer(item.scenario);
    rows.push({ item, advice, ms: performance.now() - started, errors: groundingErrors(advice, corpus) });
  }
  const lines = rows.reduce(
    (sum, row) => sum + row.advice.steps.length + row.advice.talkTrack.length + row.advice.watch.length,
    0,
  );
  const errors = rows.flatMap((row) => row.errors.map((error) => `${row.item.id}: ${error}`));
  const metrics: Metric[] = [
    atLeast(
      "grounded lines (valid citations, verbatim quotes)",
      lines === 0 ? 0 : round((lines - errors.length) / lines),
      1,
    ),
  ];
  notes.push(...errors.slice(0, 10));
  for (const lang of ["zh-Hant", "zh-Hans", "en"] as const) {
    const inScope = rows.filter((row) => row.item.lang === lang && !row.item.outOfScope);
    const hits = inScope.filter((row) =>
      row.advice.steps.some((step) => step.citations.some((id) => row.item.targets.includes(id))),
    );
    metrics.push(atLeast(`expected passage cited ${lang}`, round(hits.length / Math.max(1, inScope.length)), 0.85));
    for (const row of inScope) {
      if (!hits.includes(row)) {
        const cited = [...new Set(row.advice.steps.flatMap((step) => step.citations))];
        notes.push(
          `${row.item.id} (${row.item.topic ?? ""}) cited ${cited.join(", ") || "nothing"}${row.advice.abstained ? " [abstained]" : ""}; want ${row.item.targets.join("|")}`,
        );
      }
    }
  }
  const outOfScope = rows.filter((row) => row.item.outOfScope);
  const inScope = rows.filter((row) => !row.item.outOfScope);
  metrics.push(
    atLeast(
      "abstains on out-of-scope",
      round(outOfScope.filter((row) => row.advice.abstained).length / Math.max(1, outOfScope.length)),
      0.9,
    ),
    info(
      "abstains on in-scope",
      round(inScope.filter((row) => row.advice.abstained).length / Math.max(1, inScope.length)),
    ),
  );
  for (const row of outOfScope) if (!row.advice.abstained) notes.push(`${row.item.id} answered out-of-scope`);
  const times = rows.map((row) => row.ms).sort((a, b) => a - b);
  metrics.push(
    info("p50 ms per case (in process)", round(times[Math.floor(times.length / 2)] ?? 0)),
    info("p95 ms per case (in process)", round(times[Math.floor(times.length * 0.95)] ?? 0)),
  );
  metrics.push(...modelUse(rows.map((row) => row.advice)));
  return { suite: "advice", metrics, notes };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
