import { stem } from "./tokenize.js";

export interface PhraseHit<T> {
  form: string;
  value: T;
}

/**
 * Finds known phrases in a query: Chinese forms as substrings of Traditional text (written forms are
 * converted on the way in, so Simplified and Traditional entries are one), English forms as whole
 * stemmed word sequences ("checked out" is found in "has checked out", "veterans" matches "veteran").
 */
export class PhraseMatcher<T> {
  /** Chinese forms by their first two characters: a query is scanned once, not once per form. */
  private readonly chinese = new Map<string, Array<PhraseHit<T>>>();
  private readonly english = new Map<string, Array<{ words: string[]; form: string; value: T }>>();

  constructor(
    private readonly toTraditional: (text: string) => string,
    /**
     * How English words are reduced before they are compared: light stemming by default ("veterans" matches
     * "veteran"). A list of terms whose stems collide with everyday words passes a lighter one ("accounting" must
     * not match "a big account").
     */
    private readonly reduce: (word: string) => string = stem,
  ) {}

  addChinese(form: string, value: T): void {
    const converted = this.toTraditional(form);
    if (converted.length < 2) return;
    const key = converted.slice(0, 2);
    const list = this.chinese.get(key) ?? [];
    list.push({ form: converted, value });
    this.chinese.set(key, list);
  }

  addEnglish(form: string, value: T): void {
    const words = englishWords(form, this.reduce);
    const first = words[0];
    if (!first) return;
    const list = this.english.get(first) ?? [];
    list.push({ words, form, value });
    this.english.set(first, list);
  }

  matchChinese(text: string, accept: (value: T) => boolean = () => true): Array<PhraseHit<T>> {
    const hits: Array<PhraseHit<T>> = [];
    const seen = new Set<PhraseHit<T>>();
    for (let i = 0; i + 1 < text.length; i++) {
      for (const entry of this.chinese.get(text.slice(i, i + 2)) ?? []) {
        if (seen.has(entry) || !text.startsWith(entry.form, i) || !accept(entry.value)) continue;
        seen.add(entry);
        hits.push(entry);
      }
    }
    return hits;
  }

  matchEnglish(text: string): Array<PhraseHit<T>> {
    const words = englishWords(text, this.reduce);
    const hits: Array<PhraseHit<T>> = [];
    words.forEach((word, index) => {
      for (const candidate of this.english.get(word) ?? []) {
        if (candidate.words.every((part, offset) => words[index + offset] === part)) {
          hits.push({ form: candidate.form, value: candidate.value });
        }
      }
    });
    return hits;
  }

  /** Both languages: a query may mix them. */
  match(text: string): Array<PhraseHit<T>> {
    return [...this.matchChinese(text), ...this.matchEnglish(text)];
  }
}

export function englishWords(text: string, reduce: (word: string) => string = stem): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []).map(reduce);
}

/** Only a plural's -s goes ("lawyers" → "lawyer"): -ing and -ed stay, so "accounting" is not "account". */
export function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}
