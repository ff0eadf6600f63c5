import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildFromFiles, type IngestPaths } from "../../src/corpus/ingest.js";
import { parseRepairs } from "../../src/corpus/repairs.js";
import { toTraditional } from "../../src/lib/script.js";
import { atLeast, atMost, info, type SuiteResult } from "../types.js";

/**
 * Corpus quality: what every citation rests on. Provenance, coverage, spun words left behind,
 * English alignment. Reference-table forms that remain (guarded, ambiguous words) are reported, not failed.
 */
export async function corpusSuite(paths: IngestPaths, referenceTable?: string): Promise<SuiteResult> {
  const started = performance.now();
  const { corpus, missingEnglish } = await buildFromFiles(paths, false);
  const buildMs = performance.now() - started;
  const seed = readFileSync(join(paths.corpusDir, "handbook.seed.txt"), "utf8");
  const convert = toTraditional;
  const text = corpus.chunks.map((chunk) => chunk.text).join("\n");
  const count = (word: string) => text.split(word).length - 1;

  const repairs = parseRepairs(readFileSync(join(paths.corpusDir, "repairs.tsv"), "utf8"));
  const unguardedLeft = repairs
    .filter((repair) => !repair.guard)
    .reduce(
      (sum, repair) =>
        sum + count(convert(repair.spun)) + (convert(repair.spun) === repair.spun ? 0 : count(repair.spun)),
      0,
    );
  const notes: string[] = [];
  let referenceLeft = 0;
  if (referenceTable) {
    const leftovers: string[] = [];
    for (const line of referenceTable.split("\n").slice(1)) {
      const spun = line.split("\t")[0];
      if (!spun) continue;
      const left = count(convert(spun));
      referenceLeft += left;
      if (left > 0) leftovers.push(`${spun}×${left}`);
    }
    notes.push(`reference spun forms still present (guarded or legitimate uses): ${leftovers.join(" ") || "none"}`);
  }

  return {
    suite: "corpus",
    metrics: [
      atLeast("sections", corpus.stats.sections, 40),
      info("chunks", corpus.stats.chunks),
      atLeast("coverage of body text", round(corpus.stats.coverage), 0.98),
      atMost(
        "chunks whose raw is not seed.slice(start, end)",
        corpus.chunks.filter((c) => seed.slice(c.start, c.end) !== c.raw).length,
        0,
      ),
      atMost("units without English", missingEnglish.length, 0),
      atMost("unguarded spun forms left", unguardedLeft, 0),
      info(
        "repairs applied",
        corpus.stats.repairs.reduce((sum, repair) => sum + repair.applied, 0),
      ),
      ...(referenceTable ? [info("reference spun forms left (guarded or legitimate)", referenceLeft)] : []),
      info("build ms", Math.round(buildMs)),
    ],
    notes,
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
