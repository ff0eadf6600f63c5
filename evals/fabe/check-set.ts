import { z } from "zod";
import { checkJsonl } from "../check-jsonl.js";

/**
 * `npx tsx evals/fabe/check-set.ts <file.jsonl>…`: checks a FABE data set against the labelling guide's record
 * format (docs/fabe-labelling-guide.md, section 7): every field, sentences that give back the pitch, `missing`
 * consistent with the labels, violation quotes taken from the pitch. Prints one line per problem; exits 1 on any.
 */
const Label = z.enum(["F", "A", "B", "E", "other"]);
const Rule = z.enum(["casual-promise", "contradiction", "arguing", "bragging", "delaying-order", "no-customer"]);
export const FabeRecordSchema = z.object({
  id: z.string().min(1),
  writer: z.string().min(1),
  lang: z.enum(["zh-Hant", "zh-Hans", "en"]),
  style: z.string().min(1),
  product: z.string().min(1),
  pitch: z.string().min(1),
  sentences: z.array(z.object({ text: z.string().min(1), label: Label })).min(1),
  missing: z.array(z.enum(["F", "A", "B", "E"])),
  violations: z.array(z.object({ rule: Rule, quote: z.string() })),
  runOn: z.boolean().optional(),
});

const squash = (text: string) => text.replace(/\s+/g, "");

/** The problems of one record, as lines. */
export function recordProblems(record: z.infer<typeof FabeRecordSchema>): string[] {
  const problems: string[] = [];
  if (squash(record.sentences.map((sentence) => sentence.text).join("")) !== squash(record.pitch)) {
    problems.push("the sentences, joined, do not give back the pitch");
  }
  for (const sentence of record.sentences) {
    if (!record.pitch.includes(sentence.text.trim())) problems.push(`sentence not copied exactly: ${sentence.text}`);
    // Commas, semicolons and colons never end a sentence (guide, section 1), unless a line break follows.
    const at = record.pitch.indexOf(sentence.text);
    const next = at < 0 ? "" : record.pitch.slice(at + sentence.text.length, at + sentence.text.length + 1);
    if (!record.runOn && /[,，、;；:：]\s*$/.test(sentence.text) && next !== "" && next !== "\n") {
      problems.push(`sentence ends at a comma: ${sentence.text}`);
    }
  }
  // Nor does a sentence go on after one of its own sentence ends (。！？!? then more words; a question in quotes is
  // inside its sentence), as the guide's section 1 cuts there.
  for (const sentence of record.sentences)
    if (/[。！？!?]\s*[\p{L}\p{N}]/u.test(sentence.text.trim()))
      problems.push(`sentence goes on after a sentence end: ${sentence.text}`);
  const present = new Set(record.sentences.map((sentence) => sentence.label));
  const missing = (["F", "A", "B", "E"] as const).filter((label) => !present.has(label));
  if (missing.join() !== record.missing.join()) {
    problems.push(`missing should be [${missing.join(", ")}], not [${record.missing.join(", ")}]`);
  }
  for (const violation of record.violations) {
    if (violation.rule !== "no-customer" && !record.pitch.includes(violation.quote)) {
      problems.push(`violation quote not in the pitch: ${violation.quote}`);
    }
  }
  return problems;
}

function main(files: string[]): number {
  let bad = 0;
  for (const file of files) {
    const checked = checkJsonl(file, FabeRecordSchema, recordProblems);
    bad += checked.bad;
    const sentences = checked.records.reduce((sum, record) => sum + record.sentences.length, 0);
    console.log(`${file}: ${checked.records.length} pitches, ${sentences} sentences`);
  }
  console.log(bad === 0 ? "ok" : `${bad} problems`);
  return bad === 0 ? 0 : 1;
}

if (process.argv[1]?.endsWith("check-set.ts")) process.exit(main(process.argv.slice(2)));
