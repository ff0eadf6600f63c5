import { readFileSync } from "node:fs";
import * as OpenCC from "opencc-js";
import { configs } from "opencc-js/preset";
import { describe, expect, it } from "vitest";
import { type ConverterConfig, compactConverter } from "./compact-converter.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
// The texts the service converts: the handbook, the glossary, and every eval query and scenario.
const texts = [
  read("../../corpus/handbook.seed.txt"),
  read("../../corpus/glossary.json"),
  read("../../corpus/thesaurus.tsv"),
  read("../../evals/retrieval.jsonl"),
  read("../../evals/advice.jsonl"),
  read("../../evals/roleplay.jsonl"),
];

/** Strings of random phrases and characters from the dictionaries themselves, where longest matches compete. */
function soup(seed: number, dictionary: string, length: number): string {
  const pieces = dictionary.split("|").flatMap((line) => line.split(" ").slice(0, 2));
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  let text = "";
  while (text.length < length) {
    const piece = pieces[next() % pieces.length] as string;
    text += next() % 3 === 0 ? piece.slice(0, 1 + (next() % piece.length)) : piece;
    if (next() % 7 === 0) text += "⿰氵工 a\u{20000}";
  }
  return text;
}

describe("compactConverter", () => {
  for (const [name, from, to] of [
    ["s2tw", "cn", "tw"],
    ["tw2s", "tw", "cn"],
  ] as const) {
    it(`gives opencc-js's ${name} output on the service's texts and on dictionary soup`, () => {
      const reference = OpenCC.Converter({ from, to });
      const compact = compactConverter(configs[name] as ConverterConfig);
      for (const text of texts) expect(compact(text)).toBe(reference(text));
      const phrases = (configs[name]?.conversionChain[0]?.[0] ?? "") as string;
      for (let seed = 1; seed <= 20; seed++) {
        const text = soup(seed, phrases, 2000);
        expect(compact(text)).toBe(reference(text));
      }
    });
  }
});
