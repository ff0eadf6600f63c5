import { z } from "zod";
import { MANAGER_TURN_MOVES, REP_TURN_MOVES } from "../../src/coach/roleplay/moves.js";
import { checkJsonl } from "../check-jsonl.js";

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
    const checked = checkJsonl(file, TurnRecordSchema, turnProblems);
    bad += checked.bad;
    const counts = new Map<string, number>();
    for (const record of checked.records) {
      const key = `${record.lang} ${record.mode}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const summary = [...counts].map(([key, count]) => `${key} ${count}`).join(", ");
    console.log(`${file}: ${checked.records.length} records (${summary}), ${bad} problems so far`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
