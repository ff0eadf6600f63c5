import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

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
  let bad = 0;
  const problem = (where: string, message: string) => {
    console.log(`${where}: ${message}`);
    bad++;
  };
  for (const file of files) {
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim());
    lines.forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problem(where, "not JSON");
        return;
      }
      const parsed = ScriptSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        problem(where, `${issue?.path.join(".")}: ${issue?.message}`);
        return;
      }
      try {
        readFileSync(join(root, "prompts", "personas", `${parsed.data.persona}.json`), "utf8");
      } catch {
        problem(where, `no persona ${parsed.data.persona}`);
      }
      parsed.data.turns.forEach((turn, turnIndex) => {
        if (turn.direction === "=" && !turn.basis.chunk) return;
        const text = chunks.get(turn.basis.chunk);
        if (text === undefined) {
          problem(where, `turn ${turnIndex + 1}: no chunk ${turn.basis.chunk}`);
          return;
        }
        if (!text.includes(turn.basis.words.replace(/\s+/g, "")))
          problem(where, `turn ${turnIndex + 1}: "${turn.basis.words}" is not in ${turn.basis.chunk}`);
      });
    });
    console.log(`${file}: ${lines.length} scripts, ${bad} problems so far`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
