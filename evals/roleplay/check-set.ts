import { readFileSync } from "node:fs";
import { z } from "zod";
import { MANAGER_TURN_MOVES, REP_TURN_MOVES } from "../../src/coach/roleplay/moves.js";

/**
 * `npx tsx evals/roleplay/check-set.ts <file.jsonl>…`: checks a role-play turn set against the labelling guide's
 * record format (docs/roleplay-labelling-guide.md, section 5): every field, moves of the turn's mode, each once,
 * quotes copied from the turn. Prints one line per problem and a summary per file; exits 1 on any problem.
 */
export const TurnRecordSchema = z.object({
  id: z.string().min(1),
  writer: z.string().min(1),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  mode: z.enum(["manager-rep", "rep-customer"]),
  other: z.string().min(1),
  before: z.string(),
  text: z.string().min(1).max(1000),
  moves: z.array(z.object({ move: z.string().min(1), quote: z.string().min(1) })),
});
export type TurnRecord = z.infer<typeof TurnRecordSchema>;

/** The problems of one record, as lines. */
export function turnProblems(record: TurnRecord): string[] {
  const problems: string[] = [];
  const allowed: readonly string[] = record.mode === "manager-rep" ? MANAGER_TURN_MOVES : REP_TURN_MOVES;
  const seen = new Set<string>();
  for (const { move, quote } of record.moves) {
    if (!allowed.includes(move)) problems.push(`${move} is not a ${record.mode} move (${allowed.join(", ")})`);
    if (seen.has(move)) problems.push(`${move} labelled twice`);
    seen.add(move);
    if (!record.text.includes(quote)) problems.push(`quote not copied exactly from the text: ${quote}`);
  }
  return problems;
}

function main(files: string[]): number {
  let bad = 0;
  for (const file of files) {
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim());
    const ids = new Set<string>();
    const counts = new Map<string, number>();
    lines.forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        console.log(`${where}: not JSON`);
        bad++;
        return;
      }
      const parsed = TurnRecordSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        console.log(`${where}: ${issue?.path.join(".")}: ${issue?.message}`);
        bad++;
        return;
      }
      if (ids.has(parsed.data.id)) {
        console.log(`${where}: duplicate id ${parsed.data.id}`);
        bad++;
      }
      ids.add(parsed.data.id);
      for (const problem of turnProblems(parsed.data)) {
        console.log(`${where}: ${problem}`);
        bad++;
      }
      const key = `${parsed.data.lang} ${parsed.data.mode}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    const summary = [...counts].map(([key, count]) => `${key} ${count}`).join(", ");
    console.log(`${file}: ${lines.length} records (${summary}), ${bad} problems so far`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
