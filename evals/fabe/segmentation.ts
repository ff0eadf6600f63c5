import { basename } from "node:path";
import { realAppDeps } from "../../test/support/app-deps.js";
import { loadFabeCases } from "../suites/fabe.js";

/**
 * `npx tsx evals/fabe/segmentation.ts <set.jsonl>…`: how often the pipeline's sentences are the writer's own — the
 * share of gold sentences given back exactly (white space and edge commas aside), in punctuated and run-on pitches
 * apart. Training writers' sets only (blind sets are read once per model choice).
 */
async function main(files: string[]): Promise<void> {
  const { fabe } = await realAppDeps();
  const clean = (text: string) => text.replace(/^[\s,，、]+|[\s,，、]+$/g, "");
  console.log("| set | punctuated: exact / gold | run-on: exact / gold | predicted / gold sentences |");
  console.log("|---|---|---|---|");
  const total = { punctuated: [0, 0], runOn: [0, 0], predicted: 0, gold: 0 };
  for (const file of files) {
    const row = { punctuated: [0, 0], runOn: [0, 0], predicted: 0, gold: 0 };
    for (const item of loadFabeCases(file)) {
      const predicted = new Set(fabe.offline(item.pitch).sentences.map((sentence) => clean(sentence.text)));
      const kind = item.runOn ? row.runOn : row.punctuated;
      for (const sentence of item.sentences) {
        kind[1] = (kind[1] as number) + 1;
        if (predicted.has(clean(sentence.text))) kind[0] = (kind[0] as number) + 1;
      }
      row.predicted += predicted.size;
      row.gold += item.sentences.length;
    }
    for (const key of ["punctuated", "runOn"] as const)
      row[key].forEach((value, index) => {
        total[key][index] = (total[key][index] as number) + value;
      });
    total.predicted += row.predicted;
    total.gold += row.gold;
    console.log(format(basename(file), row));
  }
  console.log(format("all", total));
}

function format(name: string, row: { punctuated: number[]; runOn: number[]; predicted: number; gold: number }): string {
  const share = ([exact, gold]: number[]) =>
    `${((exact as number) / Math.max(1, gold as number)).toFixed(3)} (${gold})`;
  return `| ${name} | ${share(row.punctuated)} | ${share(row.runOn)} | ${(row.predicted / row.gold).toFixed(3)} |`;
}

await main(process.argv.slice(2));
