import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { realAppDeps } from "../../test/support/app-deps.js";
import { compare, type FabeCase, loadFabeCases } from "../suites/fabe.js";

/**
 * `npx tsx evals/fabe/agreement.ts`: how far independent labellers agree with the blind writers' own labels, and
 * how far the shipped pipeline does, on the same 120 pitches (15 from each of b1–b8, evals/fabe/agreement/). Two
 * relabellers saw only the labelling guide and the pitches already cut into the writers' sentences
 * (agreement/instructions.md). It says whether a figure the model misses is a ceiling of the labels or a gap of
 * the model.
 */
interface Labelling {
  labels: string[];
  rules: Set<string>;
  /** The missing elements, when the labeller states them apart from the labels (the pipeline does). */
  missing?: string;
}

const ELEMENTS = ["F", "A", "B", "E"];
const missingOf = (labelling: Labelling) =>
  labelling.missing ?? ELEMENTS.filter((element) => !labelling.labels.includes(element)).join("");

function agreement(first: Map<string, Labelling>, second: Map<string, Labelling>, ids: readonly string[]): string {
  let sentences = 0;
  let alike = 0;
  let missingAlike = 0;
  let firstRules = 0;
  let secondRules = 0;
  let bothRules = 0;
  for (const id of ids) {
    const a = first.get(id) as Labelling;
    const b = second.get(id) as Labelling;
    sentences += a.labels.length;
    alike += a.labels.filter((label, index) => label === b.labels[index]).length;
    if (missingOf(a) === missingOf(b)) missingAlike++;
    firstRules += a.rules.size;
    secondRules += b.rules.size;
    bothRules += [...a.rules].filter((rule) => b.rules.has(rule)).length;
  }
  const share = (part: number, whole: number) => (whole === 0 ? "–" : (part / whole).toFixed(3));
  return `| ${share(alike, sentences)} | ${share(missingAlike, ids.length)} | ${firstRules} / ${secondRules} / ${bothRules} |`;
}

function readLabellings(file: string): Map<string, Labelling> {
  const rows = readFileSync(file, "utf8").trim().split("\n");
  return new Map(
    rows.map((line) => {
      const row = JSON.parse(line) as { id: string; labels: string[]; violations: Array<{ rule: string }> };
      return [row.id, { labels: row.labels, rules: new Set(row.violations.map((violation) => violation.rule)) }];
    }),
  );
}

async function main(): Promise<void> {
  const dir = new URL("agreement/", import.meta.url);
  const ids = readFileSync(new URL("sample.jsonl", dir), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { id: string }).id);
  const cases = new Map<string, FabeCase>();
  for (let set = 1; set <= 8; set++)
    for (const item of loadFabeCases(fileURLToPath(new URL(`blind/b${set}.jsonl`, new URL(".", import.meta.url)))))
      cases.set(item.id, item);
  const writer = new Map(
    ids.map((id) => {
      const item = cases.get(id) as FabeCase;
      return [
        id,
        {
          labels: item.sentences.map((sentence) => sentence.label),
          rules: new Set(item.violations.map((violation) => violation.rule)),
        },
      ];
    }),
  );
  const { fabe } = await realAppDeps();
  const pipeline = new Map(
    ids.map((id) => {
      const item = cases.get(id) as FabeCase;
      const result = fabe.offline(item.pitch);
      const scored = compare(item, result);
      return [
        id,
        {
          labels: scored.pairs.map((pair) => pair.predicted),
          rules: new Set(result.violations.map((violation) => violation.rule)),
          missing: ELEMENTS.filter((element) => result.missing.includes(element as never)).join(""),
        },
      ];
    }),
  );
  const r1 = readLabellings(fileURLToPath(new URL("r1.jsonl", dir)));
  const r2 = readLabellings(fileURLToPath(new URL("r2.jsonl", dir)));
  console.log(
    `${ids.length} pitches, ${[...writer.values()].reduce((sum, each) => sum + each.labels.length, 0)} sentences`,
  );
  console.log("| pair | sentence labels alike | `missing` alike | violation rules: first / second / both |");
  console.log("|---|---|---|---|");
  console.log(`| writer, relabeller 1 ${agreement(writer, r1, ids)}`);
  console.log(`| writer, relabeller 2 ${agreement(writer, r2, ids)}`);
  console.log(`| relabeller 1, relabeller 2 ${agreement(r1, r2, ids)}`);
  console.log(`| writer, pipeline (the shipped model) ${agreement(writer, pipeline, ids)}`);
}

await main();
