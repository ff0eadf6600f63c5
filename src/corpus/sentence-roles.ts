/**
 * What each handbook sentence does (corpus/sentence-roles.tsv), written by annotators who read only the handbook's
 * sentences (evals/advice/sentence-roles-instructions.md). Advice quotes single sentences as steps: only `advice`
 * and `reason` can stand alone; headings, list introductions, fragments, platitudes, descriptions of the problem and
 * sample timetable slots are marked at ingest so they are never quoted as a step.
 */
export const SENTENCE_ROLES = ["advice", "reason", "situation", "example", "heading", "platitude"] as const;
export type SentenceRole = (typeof SENTENCE_ROLES)[number];

export interface SentenceRoleEntry {
  role: SentenceRole;
  /** 1–3 for advice and reason: how much a manager in the passage's situation gains from this sentence alone. */
  weight: number;
  /** The situation in which this sentence is what a manager needs, in managers' words (advice and reason only). */
  when?: { zh: string; en: string };
  /** The sentence as annotated: a role whose sentence has since changed (a new repair) is not applied. */
  text: string;
}

/** Parses `sentence<TAB>role<TAB>weight<TAB>when_zh<TAB>when_en<TAB>text` lines, keyed by `<chunk id>#<index>`. */
export function parseSentenceRoles(tsv: string): Map<string, SentenceRoleEntry> {
  const entries = new Map<string, SentenceRoleEntry>();
  tsv.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("sentence\t")) return;
    const [key, role, weight, whenZh, whenEn, text] = line.split("\t");
    const where = `sentence-roles.tsv line ${index + 1}`;
    if (!key || !/^.+#\d+$/.test(key)) throw new Error(`${where}: the first field must be <chunk id>#<index>`);
    if (!SENTENCE_ROLES.includes(role as SentenceRole))
      throw new Error(`${where}: role must be one of ${SENTENCE_ROLES.join(", ")}`);
    const value = Number(weight);
    if (!Number.isInteger(value) || value < 0 || value > 3) throw new Error(`${where}: weight must be 0–3`);
    const when = whenZh && whenZh !== "-" && whenEn && whenEn !== "-" ? { zh: whenZh, en: whenEn } : undefined;
    entries.set(key, { role: role as SentenceRole, weight: value, ...(when ? { when } : {}), text: text ?? "" });
  });
  return entries;
}
