import { basename } from "node:path";
import { realAppDeps } from "../../test/support/app-deps.js";
import { compare, fabeMetrics, loadFabeCases } from "../suites/fabe.js";

/**
 * `npx tsx evals/fabe/score-writers.ts <set.jsonl>…`: the current offline pipeline (splitter, labeller, violations),
 * end to end, on each writer's set and on all of them: sentence-label accuracy (gold sentences aligned to predicted
 * ones by overlap, so segmentation may differ), macro-F1, missing exactly right, violation recall and precision.
 * Training writers' sets only: a blind set is read once per model choice, and each read goes in the issue note.
 */
async function main(files: string[]): Promise<void> {
  const deps = await realAppDeps();
  const rows: string[] = [];
  const all = [];
  for (const file of files) {
    const scored = loadFabeCases(file).map((item) => compare(item, deps.fabe.offline(item.pitch)));
    all.push(...scored);
    rows.push(line(basename(file), scored));
  }
  rows.push(line("all", all));
  console.log("| set | pitches | sentences | accuracy | macro-F1 | missing exact | violation R | violation P |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
}

function line(name: string, scored: ReturnType<typeof compare>[]): string {
  const values = new Map(fabeMetrics("x", scored).map((metric) => [metric.name, metric.value]));
  const get = (what: string) => String(values.get(`x all ${what}`));
  const sentences = scored.reduce((sum, row) => sum + row.pairs.length, 0);
  return `| ${name} | ${scored.length} | ${sentences} | ${get("sentence-label accuracy")} | ${get("macro-F1")} | ${get("missing exactly right")} | ${get("violation recall")} | ${get("violation precision")} |`;
}

await main(process.argv.slice(2));
