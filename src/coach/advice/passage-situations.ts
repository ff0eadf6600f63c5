/** What one passage answers (corpus/passage-situations.tsv). */
export interface PassageSituation {
  who: string[];
  /** The reps' tenure groups it is written for; `any`, or `none` when it is not about reps. */
  tenure: string[];
  problem: string[];
  /** False for a passage that only defines, lists headings, introduces a list or breaks off. */
  advice: boolean;
  en: string;
  zh: string;
}

const FIELDS = ["id", "who", "tenure", "problem", "advice", "situation_en", "situation_zh"];

/** Parses corpus/passage-situations.tsv; a malformed line names itself. */
export function parsePassageSituations(tsv: string): Map<string, PassageSituation> {
  const situations = new Map<string, PassageSituation>();
  tsv.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.startsWith("#") || line.startsWith("id\t")) return;
    const parts = line.split("\t");
    const [id, who, tenure, problem, advice, en, zh] = parts;
    if (
      parts.length !== FIELDS.length ||
      !id ||
      !who ||
      !tenure ||
      !problem ||
      !en ||
      !zh ||
      !/^(yes|no)$/.test(advice ?? "")
    )
      throw new Error(`passage-situations.tsv line ${index + 1}: needs ${FIELDS.join(", ")} (advice yes or no)`);
    const list = (text: string) =>
      text
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
    situations.set(id, {
      who: list(who),
      tenure: list(tenure),
      problem: list(problem),
      advice: advice === "yes",
      en,
      zh,
    });
  });
  return situations;
}
