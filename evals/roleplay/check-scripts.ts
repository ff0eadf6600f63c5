import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { checkJsonl } from "../check-jsonl.js";

/**
 * `npx tsx evals/roleplay/check-scripts.ts <file.jsonl>…`: checks role-play scripts against
 * docs/roleplay-scripts-guide.md (section 3): every field, a persona that exists, basis chunks that exist and words
 * copied from them. Needs corpus/build (made by `npm start` or `npm run build`). Exits 1 on any problem.
 */
export const ScriptSchema = z.object({
  id: z.string().min(1),
  writer: z.string().min(1),
  persona: z.string().min(1),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  kind: z.enum(["follows", "breaks", "mixed"]),
  turns: z
    .array(
      z.object({
        text: z.string().min(1).max(1000),
        direction: z.enum(["+", "=", "-"]),
        reply: z.enum(["answer", "accept", "counter", "any"]),
        basis: z.object({ chunk: z.string(), words: z.string() }),
      }),
    )
    .min(2)
    .max(5),
});
export type Script = z.infer<typeof ScriptSchema>;

const root = fileURLToPath(new URL("../..", import.meta.url));

function main(files: string[]): number {
  const handbook = JSON.parse(readFileSync(join(root, "corpus", "build", "handbook.json"), "utf8")) as {
    chunks: Array<{ id: string; text: string }>;
  };
  const chunks = new Map(handbook.chunks.map((chunk) => [chunk.id, chunk.text.replace(/\s+/g, "")]));
  const problems = (script: Script): string[] => {
    const found: string[] = [];
    if (!existsSync(join(root, "prompts", "personas", `${script.persona}.json`)))
      found.push(`no persona ${script.persona}`);
    script.turns.forEach((turn, index) => {
      if (turn.direction === "=" && !turn.basis.chunk) return;
      const text = chunks.get(turn.basis.chunk);
      if (text === undefined) found.push(`turn ${index + 1}: no chunk ${turn.basis.chunk}`);
      else if (!text.includes(turn.basis.words.replace(/\s+/g, "")))
        found.push(`turn ${index + 1}: "${turn.basis.words}" is not in ${turn.basis.chunk}`);
    });
    return found;
  };
  let bad = 0;
  for (const file of files) {
    const checked = checkJsonl(file, ScriptSchema, problems);
    bad += checked.bad;
    console.log(`${file}: ${checked.records.length} scripts, ${bad} problems so far`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
