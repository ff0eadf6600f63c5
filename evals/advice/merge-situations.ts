import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `npx tsx evals/advice/merge-situations.ts`: writes corpus/manager-situations.tsv from the situation writers' files
 * (evals/advice/situation-writers/qN.tsv, `id<TAB>lang<TAB>text`, each with its brief beside it), anchoring every
 * line at its passage's seed offset as corpus/questions.tsv does, so re-chunking keeps it with its text. Needs
 * corpus/build (made by `npm start` or `npm run build`).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const folder = join(root, "evals", "advice", "situation-writers");
const handbook = JSON.parse(readFileSync(join(root, "corpus", "build", "handbook.json"), "utf8")) as {
  chunks: Array<{ id: string; start: number }>;
};
const starts = new Map(handbook.chunks.map((chunk) => [chunk.id, chunk.start]));
const lines: string[] = [
  "# Situations in which a manager needs each passage, in managers' own words: written by independent writers who read",
  "# only the handbook and a style brief (evals/advice/situation-writers/, merged by evals/advice/merge-situations.ts).",
  "# offset<TAB>lang<TAB>situation — the offset is a seed offset inside the passage, as in questions.tsv.",
  "offset\tlang\tquestion",
];
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith(".tsv"))
  .sort()) {
  readFileSync(join(folder, file), "utf8")
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (!line.trim()) return;
      const [id, lang, text] = line.split("\t");
      const start = id ? starts.get(id) : undefined;
      if (start === undefined || !lang || !/^(zh-Hant|zh-Hans|en)$/.test(lang) || !text?.trim())
        throw new Error(`${file}:${index + 1}: needs a passage id, zh-Hant/zh-Hans/en and a text`);
      lines.push(`${start}\t${lang}\t${text.trim()}`);
    });
}
writeFileSync(join(root, "corpus", "manager-situations.tsv"), `${lines.join("\n")}\n`);
console.log(`wrote corpus/manager-situations.tsv: ${lines.length - 4} situations`);
