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
