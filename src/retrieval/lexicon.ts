import { PhraseMatcher, singular } from "./phrase-matcher.js";

/**
 * The two query-side word lists: the thesaurus (everyday word → the handbook's own words) and the
 * out-of-scope terms (topics the handbook does not cover). Both are TSV files in corpus/.
 */
export class Lexicon {
  private readonly thesaurus: PhraseMatcher<string[]>;
  private readonly outOfScope: PhraseMatcher<string>;

  constructor(thesaurusTsv: string, outOfScopeTsv: string, toTraditional: (text: string) => string) {
    this.thesaurus = new PhraseMatcher(toTraditional);
    for (const [from, to] of rows(thesaurusTsv, "thesaurus")) {
      const targets = (to ?? "")
        .split("|")
        .map((term) => term.trim())
        .filter(Boolean);
      if (targets.length === 0) continue;
      if (isEnglish(from)) this.thesaurus.addEnglish(from, targets);
      else this.thesaurus.addChinese(from, targets);
    }
    // Uncovered topics are matched without stemming: "accounting" (out of scope) must not catch "a big account".
    this.outOfScope = new PhraseMatcher(toTraditional, singular);
    for (const [term, topic] of rows(outOfScopeTsv, "out-of-scope")) {
      if (isEnglish(term)) this.outOfScope.addEnglish(term, topic ?? "");
      else this.outOfScope.addChinese(term, topic ?? "");
    }
  }

  /** The handbook words that a Traditional-script query's everyday words stand for. */
  expand(text: string): { chinese: string[]; english: string[] } {
    const chinese = new Set<string>();
    const english = new Set<string>();
    for (const hit of this.thesaurus.match(text)) {
      for (const term of hit.value) (isEnglish(term) ? english : chinese).add(term);
    }
    return { chinese: [...chinese], english: [...english] };
  }

  /** Terms in the query that name a topic the handbook does not cover. */
  outOfScopeTerms(text: string): string[] {
    return [...new Set(this.outOfScope.match(text).map((hit) => hit.form))];
  }
}

/** English rows are plain ASCII; anything with a Han character ("X理論") is Chinese. */
export function isEnglish(text: string): boolean {
  return /^[\x20-\x7e]+$/.test(text);
}

function* rows(tsv: string, name: string): Generator<[string, string | undefined]> {
  const lines = tsv.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim() || line.startsWith("#")) continue;
    const [first, second] = line.split("\t");
    if (!first?.trim()) throw new Error(`${name}.tsv line ${i + 1}: empty first column`);
    yield [first.trim(), second?.trim()];
  }
}
