import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadJudgments, loadSet } from "./quality.js";

/**
 * `npx tsx evals/advice/sentence-judge-input.ts --writer aw01 --out /tmp/sentjudge`: what a sentence judge reads
 * (evals/advice/sentence-judge-instructions.md): each judged in-scope scenario of one tuning writer with the
 * sentences of the first four useful and two partial passages of its passage judgment, the Chinese and the English.
 * Needs corpus/build (made by `npm start` or `npm run build`).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const { values } = parseArgs({ options: { writer: { type: "string" }, out: { type: "string" } } });
if (!values.writer || !values.out) throw new Error("usage: --writer awNN --out <folder>");
const handbook = JSON.parse(readFileSync(join(root, "corpus", "build", "handbook.json"), "utf8")) as {
  sentences: Record<string, Array<{ text: string; en: string }>>;
};
const judgments = loadJudgments();
const lines: string[] = [];
for (const scenario of loadSet("writers").filter((item) => item.writer === values.writer)) {
  const judgment = judgments.get(scenario.id);
  if (!judgment || judgment.useful.size === 0) continue;
  lines.push(`=== ${scenario.id}`, `SCENARIO: ${scenario.scenario}`, "");
  const shown = [
    ...[...judgment.useful].slice(0, 4).map((id) => [id, "useful"] as const),
    ...[...judgment.partial].slice(0, 2).map((id) => [id, "partial"] as const),
  ];
  for (const [id, kind] of shown) {
    lines.push(`-- passage ${id} (${kind})`);
    for (const [index, sentence] of (handbook.sentences[id] ?? []).entries())
      lines.push(`[${id}#${index}] ${sentence.text}`, `    EN: ${sentence.en}`);
  }
  lines.push("");
}
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, `${values.writer}.txt`), lines.join("\n"));
console.log(`wrote ${join(values.out, `${values.writer}.txt`)}`);
