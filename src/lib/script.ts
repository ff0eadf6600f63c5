import { configs } from "opencc-js/preset";
import { type ConverterConfig, compactConverter } from "./compact-converter.js";

/**
 * Characters that are already correct Traditional but that opencc's Taiwan phrase tables rewrite in some
 * contexts (了解 → 瞭解, 說明了 → 說明瞭, 觀念 → 觀唸, 回心轉意 → 迴心轉意). We keep them as written.
 */
const KEEP = new Set(["了", "念", "回"]);

let converter: ((text: string) => string) | undefined;

/**
 * Simplified (or mixed) → Traditional, one character for one, so offsets survive. The corpus and every
 * query go through this same function, so both sides of a match are in one script.
 * Built once, on first use, from opencc's s2tw tables (see compact-converter.ts for why not opencc-js's own).
 */
export function toTraditional(text: string): string {
  // Plain ASCII has nothing to convert (no s2tw key is all ASCII): English queries and forms skip the tables.
  if (ASCII.test(text)) return text;
  const known = memo.get(text);
  if (known !== undefined) return known;
  const result = convertToTraditional(text);
  // The lexicons repeat their forms (a glossary form is also a thesaurus entry, a question word …): at start about
  // two conversions in five are repeats. Short texts only, and a bounded number, so memory stays flat.
  if (text.length <= MEMO_MAX_CHARS && memo.size < MEMO_MAX_ENTRIES) memo.set(text, result);
  return result;
}

const ASCII = /^[\t\n\r -~]*$/;
const MEMO_MAX_CHARS = 64;
const MEMO_MAX_ENTRIES = 20_000;
const memo = new Map<string, string>();

function convertToTraditional(text: string): string {
  converter ??= compactConverter(configs.s2tw as ConverterConfig);
  const converted = converter(text);
  if (converted.length !== text.length) return converted;
  // Copies runs rather than characters: the corpus goes through here at every start.
  let result = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const original = text[i] as string;
    if (converted[i] !== original && KEEP.has(original)) {
      result += converted.slice(from, i) + original;
      from = i + 1;
    }
  }
  return from === 0 ? converted : result + converted.slice(from);
}

let simplifier: ((text: string) => string) | undefined;

/** Traditional → Simplified (opencc tw→cn), for answers to a Simplified-script user. */
export function toSimplified(text: string): string {
  simplifier ??= compactConverter(configs.tw2s as ConverterConfig);
  return simplifier(text);
}
