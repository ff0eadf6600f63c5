import type { Repair } from "../corpus/repairs.js";
import { applyRepairs } from "../corpus/repairs.js";
import { TrackedText } from "../corpus/tracked-text.js";
import { toSimplified } from "../lib/script.js";
import type { ConceptMatch, Glossary } from "./glossary.js";
import type { Lexicon } from "./lexicon.js";
import type { Lang, QueryText } from "./types.js";

export interface NormalisedQuery extends QueryText {
  lang: Lang;
  /** The query in Traditional script with spun words repaired: what the Chinese index is searched with. */
  normalized: string;
  matches: ConceptMatch[];
  /** Handbook words the query's everyday words stand for (thesaurus). */
  expansion: string[];
  /** Terms naming topics the handbook does not cover. */
  outOfScope: string[];
}

export interface NormaliseDeps {
  glossary: Glossary;
  lexicon: Lexicon;
  toTraditional: (text: string) => string;
  /** The query entries of repairs.tsv, in Traditional script: a pasted spun word reads as the handbook's. */
  repairs: ReadonlyArray<Pick<Repair, "spun" | "original">>;
}

/** Chinese if a fifth of the letters are Han characters; Simplified if converting to Traditional changes it. */
export function detectLanguage(text: string, toTraditional: (text: string) => string): Lang {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  // A Chinese query spends one character per word, an English one about five letters.
  if (han === 0 || han * 5 < latin) return "en";
  // Counted character by character, not "does conversion change the text": a few characters (台→臺, 着) change
  // under conversion in Traditional text too, and one of them must not turn a Traditional pitch Simplified.
  let simplified = 0;
  let traditional = 0;
  for (const char of new Set(text.match(/\p{Script=Han}/gu))) {
    if (toSimplified(char) !== char) traditional++;
    else if (toTraditional(char) !== char) simplified++;
  }
  return simplified > traditional ? "zh-Hans" : "zh-Hant";
}

const asRepairList = new WeakMap<NormaliseDeps["repairs"], Repair[]>();

/** The query repairs as `applyRepairs` takes them, made once per list (its index is kept per list too). */
function asRepairs(repairs: NormaliseDeps["repairs"]): Repair[] {
  const known = asRepairList.get(repairs);
  if (known) return known;
  const list = repairs.map((repair) => ({ ...repair, note: "" }));
  asRepairList.set(repairs, list);
  return list;
}

/**
 * From a user's query to what the indexes are searched with: script unified to Traditional, pasted spun
 * words repaired, and the glossary's concepts found and expanded into the handbook's own terms (for the
 * Chinese index) and English (for the English index).
 */
export function normaliseQuery(query: string, deps: NormaliseDeps, lang?: Lang): NormalisedQuery {
  const detected = lang ?? detectLanguage(query, deps.toTraditional);
  const traditional = deps.toTraditional(query.normalize("NFKC"));
  const normalized = applyRepairs(TrackedText.fromSource(traditional), asRepairs(deps.repairs)).text;
  const expansion = deps.lexicon.expand(normalized);
  const matches = deps.glossary.match(normalized);
  const concepts = matches.map((match) => match.id);
  const handbookTerms: string[] = [];
  const englishTerms: string[] = [];
  for (const id of concepts) {
    const concept = deps.glossary.concept(id);
    if (!concept) continue;
    handbookTerms.push(...concept.handbook);
    englishTerms.push(concept.label.en);
  }
  const chinesePart = (normalized.match(/[\p{Script=Han}\p{N}]+/gu) ?? []).join(" ");
  const englishPart = (normalized.match(/[A-Za-z][A-Za-z'-]*/g) ?? []).join(" ");
  return {
    lang: detected,
    normalized,
    matches,
    concepts,
    original: query,
    expansion: [...expansion.chinese, ...expansion.english],
    outOfScope: deps.lexicon.outOfScopeTerms(normalized),
    zh: [chinesePart, ...expansion.chinese, ...handbookTerms].filter(Boolean).join(" "),
    en: [englishPart, ...expansion.english, ...englishTerms].filter(Boolean).join(" "),
  };
}
