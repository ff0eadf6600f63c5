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
  private readonly chinese: Array<PhraseHit<T>> = [];
  private readonly english = new Map<string, Array<{ words: string[]; form: string; value: T }>>();

  constructor(private readonly toTraditional: (text: string) => string) {}

  addChinese(form: string, value: T): void {
    this.chinese.push({ form: this.toTraditional(form), value });
  }

  addEnglish(form: string, value: T): void {
    const words = englishWords(form);
    const first = words[0];
    if (!first) return;
    const list = this.english.get(first) ?? [];
    list.push({ words, form, value });
    this.english.set(first, list);
  }

  matchChinese(text: string, accept: (value: T) => boolean = () => true): Array<PhraseHit<T>> {
    return this.chinese.filter((entry) => text.includes(entry.form) && accept(entry.value));
  }

  matchEnglish(text: string): Array<PhraseHit<T>> {
    const words = englishWords(text);
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

export function englishWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []).map(stem);
}
