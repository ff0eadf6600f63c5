/**
 * Tokenisers shared by the offline embedder and the in-memory store, so both index the same terms
 * LanceDB's ngram(2,2) and English stemming tokenisers index.
 */

/** Character bigrams of each run of CJK or alphanumeric characters; a lone character counts as itself. */
export function bigrams(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{Script=Han}\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  }
  return tokens;
}

/**
 * Every two-character window of the lowercased text, punctuation and spaces included: what LanceDB's
 * ngram(2,2) full-text tokenizer indexes, so the in-memory store's BM25 ranks like LanceDB's.
 */
export function windowBigrams(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(`${chars[i]}${chars[i + 1]}`);
  return tokens;
}

const STOP_WORDS = new Set(
  "a an and are as at be been but by can do does did for from had has have he her him his how i if in into is it its me my no not of on or our she so than that the their them then there these they this those to was we were what when where which who whom why will with would you your yourself".split(
    " ",
  ),
);

/** Lowercased English words without stop words, lightly stemmed (plural, -ing, -ed). */
export function englishTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z'-]*[a-z]|[a-z]/g) ?? [];
  return words.filter((word) => !STOP_WORDS.has(word)).map(stem);
}

export function stem(word: string): string {
  let base = word.replace(/'s$/, "");
  if (base.length > 4 && base.endsWith("ves")) return `${base.slice(0, -3)}f`;
  if (base.length > 4 && base.endsWith("ies")) return `${base.slice(0, -3)}y`;
  if (base.length > 4 && base.endsWith("ing")) base = base.slice(0, -3);
  else if (base.length > 3 && base.endsWith("ed")) base = base.slice(0, -2);
  else if (base.length > 3 && base.endsWith("es") && /(s|x|z|ch|sh)es$/.test(base)) base = base.slice(0, -2);
  else if (base.length > 3 && base.endsWith("s") && !base.endsWith("ss")) base = base.slice(0, -1);
  return base;
}
