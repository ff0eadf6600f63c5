import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { checkJsonl } from "../check-jsonl.js";

/**
 * `npx tsx evals/advice/check-scenarios.ts <file.jsonl>…`: checks advice scenarios (docs/advice-scenarios-guide.md,
 * section 4) or, for files under a `judgments` folder, relevance judgments: every field, passage ids that exist,
 * cue words copied from the scenario. Needs corpus/build (made by `npm start` or `npm run build`). Exits 1 on any
 * problem.
 */
const Cue = z.string().max(200);
export const ScenarioSchema = z.object({
  id: z.string().min(1),
  writer: z.string().min(1),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  scope: z.enum(["in", "near", "out"]),
  scenario: z.string().min(1).max(2000),
  from: z.array(z.string()),
  who: z.enum(["rep", "reps", "team", "manager", "customer", "candidate"]),
  tenure: z.enum(["new", "half-year", "veteran", "unknown", "none"]),
  problem: z.enum(["attitude", "knowledge", "skill", "management", "none"]),
  performance: z.enum(["high", "low", "unknown"]),
  stage: z.enum([
    "excitement",
    "aimless",
    "frantic",
    "confusion",
    "disappointment",
    "learning",
    "growth",
    "maturity",
    "unknown",
  ]),
  type: z.enum(["steady", "opinionated", "excitable", "unknown"]),
  cues: z.object({ who: Cue, tenure: Cue, problem: Cue }),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export const JudgmentSchema = z.object({
  id: z.string().min(1),
  judge: z.string().min(1),
  useful: z.array(z.string()),
  partial: z.array(z.string()),
});
export type Judgment = z.infer<typeof JudgmentSchema>;

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The handbook's passage ids, from the built corpus. */
export function passageIds(): Set<string> {
  const handbook = JSON.parse(readFileSync(join(root, "corpus", "build", "handbook.json"), "utf8")) as {
    chunks: Array<{ id: string }>;
  };
  return new Set(handbook.chunks.map((chunk) => chunk.id));
}

function scenarioProblems(ids: Set<string>) {
  const squeeze = (text: string) => text.replace(/\s+/g, "").toLowerCase();
  return (record: Scenario): string[] => {
    const found: string[] = [];
    for (const id of record.from) if (!ids.has(id)) found.push(`no passage ${id} in from`);
    if (record.scope === "in" && record.from.length === 0)
      found.push("an in-scope scenario names the passage it is from");
    if (record.scope !== "in" && record.from.length > 0) found.push("a near or out scenario has no passage in from");
    const needsTenure = record.who === "rep" || record.who === "reps";
    if (!needsTenure && record.tenure !== "none") found.push(`tenure is none when who is ${record.who}`);
    if (needsTenure && record.tenure === "none") found.push("tenure is new, half-year, veteran or unknown for a rep");
    for (const [field, cue] of Object.entries(record.cues))
      if (cue && !squeeze(record.scenario).includes(squeeze(cue)))
        found.push(`cues.${field} "${cue}" is not in the scenario`);
    return found;
  };
}

export function judgmentProblems(ids: Set<string>) {
  return (record: Judgment): string[] => {
    const found: string[] = [];
    for (const id of [...record.useful, ...record.partial]) if (!ids.has(id)) found.push(`no passage ${id}`);
    const both = record.useful.filter((id) => record.partial.includes(id));
    if (both.length) found.push(`both useful and partial: ${both.join(", ")}`);
    return found;
  };
}

function main(files: string[]): number {
  const ids = passageIds();
  let bad = 0;
  for (const file of files) {
    const judged = /(^|\/)judgments\//.test(file);
    const checked = judged
      ? checkJsonl(file, JudgmentSchema, judgmentProblems(ids))
      : checkJsonl(file, ScenarioSchema, scenarioProblems(ids));
    bad += checked.bad;
    console.log(`${file}: ${checked.records.length} ${judged ? "judgments" : "scenarios"}, ${bad} problems so far`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
