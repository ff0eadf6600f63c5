import { z } from "zod";
import { JudgmentSchema, judgmentProblems, passageIds } from "../advice/check-scenarios.js";
import { checkJsonl } from "../check-jsonl.js";

/**
 * `npx tsx evals/chat/check-chat.ts <file.jsonl>…`: checks chat data (docs/chat-scenarios-guide.md, section 4):
 * two-turn conversations, rep-file pairs (files under a `pairs` folder, or named `*-pairs.jsonl`) and judgments of
 * second answers (under `judgments`). Passage ids must exist; cue words must be in the conversation. Needs
 * corpus/build (made by `npm start` or `npm run build`). Exits 1 on any problem.
 */
const Lang = z.enum(["zh-Hant", "zh-Hans", "en"]);
const Turn = z.object({ text: z.string().min(1).max(2000), from: z.array(z.string()) });
export const ConversationSchema = z.object({
  id: z.string().min(1),
  writer: z.string().min(1),
  lang: Lang,
  turns: z.tuple([Turn, Turn]),
  scope2: z.enum(["in", "near"]),
  who: z.enum(["rep", "reps", "team", "manager", "customer", "candidate"]),
  tenure: z.enum(["new", "half-year", "veteran", "unknown", "none"]),
  problem: z.enum(["attitude", "knowledge", "skill", "management", "none"]),
  cues: z.object({ who: z.string().max(200), tenure: z.string().max(200), problem: z.string().max(200) }),
  refers: z.string().min(1).max(300),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const PairSchema = z.object({
  id: z.string().min(1),
  writer: z.string().min(1),
  lang: Lang,
  rep: z.string().min(1).max(50),
  text: z.string().min(1).max(2000),
  new: z.object({ from: z.array(z.string()).min(1) }),
  veteran: z.object({ from: z.array(z.string()).min(1) }),
});
export type Pair = z.infer<typeof PairSchema>;

const sectionOf = (id: string) => id.replace(/-\d+$/, "");
const squeeze = (text: string) => text.replace(/\s+/g, "").toLowerCase();
/** Words that give a rep's tenure away; a pair's message must not carry them (guide section 2). */
const TENURE_WORDS =
  /新人|新員工|新员工|新來|新来|試用|试用|老員工|老员工|老鳥|老鸟|資深|资深|剛來|刚来|剛入職|刚入职|\d+\s*(年|個月|个月|週|周)|[一二兩两三四五六七八九十半]+\s*(年|個月|个月|週|周|星期)|\bnew\b|\bveteran|\bsenior\b|\bjunior\b|\brookie|\bnewbie|\bold hand|\bprobation|\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple)\s+(years?|months?|weeks?)\b|\byears\b/i;

function conversationProblems(ids: Set<string>) {
  return (record: Conversation): string[] => {
    const found: string[] = [];
    record.turns.forEach((turn, index) => {
      for (const id of turn.from) if (!ids.has(id)) found.push(`no passage ${id} in turns.${index}.from`);
    });
    if (record.turns[0].from.length === 0) found.push("turn 1 names the passage it is from");
    if (record.scope2 === "in" && record.turns[1].from.length === 0)
      found.push("an in-scope follow-up names the passage it is from");
    if (record.scope2 === "near" && record.turns[1].from.length > 0) found.push("a near follow-up has no passage");
    const needsTenure = record.who === "rep" || record.who === "reps";
    if (!needsTenure && record.tenure !== "none") found.push(`tenure is none when who is ${record.who}`);
    if (needsTenure && record.tenure === "none") found.push("tenure is new, half-year, veteran or unknown for a rep");
    const both = squeeze(record.turns.map((turn) => turn.text).join(" "));
    for (const [field, cue] of Object.entries(record.cues))
      if (cue && !both.includes(squeeze(cue))) found.push(`cues.${field} "${cue}" is in neither turn`);
    return found;
  };
}

function pairProblems(ids: Set<string>) {
  return (record: Pair): string[] => {
    const found: string[] = [];
    for (const side of ["new", "veteran"] as const)
      for (const id of record[side].from) if (!ids.has(id)) found.push(`no passage ${id} in ${side}.from`);
    const newSections = new Set(record.new.from.map(sectionOf));
    if (record.veteran.from.some((id) => newSections.has(sectionOf(id))))
      found.push("new.from and veteran.from share a section: choose a message whose advice depends on tenure");
    const tell = TENURE_WORDS.exec(record.text);
    if (tell) found.push(`the message gives the tenure away: "${tell[0]}"`);
    return found;
  };
}

function main(files: string[]): number {
  const ids = passageIds();
  let bad = 0;
  for (const file of files) {
    const kind = /(^|\/)judgments\//.test(file)
      ? "judgments"
      : /(^|\/)pairs\/|-pairs\.jsonl$/.test(file)
        ? "pairs"
        : "conversations";
    const checked =
      kind === "judgments"
        ? checkJsonl(file, JudgmentSchema, judgmentProblems(ids))
        : kind === "pairs"
          ? checkJsonl(file, PairSchema, pairProblems(ids))
          : checkJsonl(file, ConversationSchema, conversationProblems(ids));
    bad += checked.bad;
    console.log(`${file}: ${checked.records.length} ${kind}, ${bad} problems so far`);
  }
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
