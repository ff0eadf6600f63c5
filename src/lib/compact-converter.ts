import type { DictGroup, DictLike } from "opencc-js/core";

/** One opencc conversion config (opencc-js `preset.configs[name]`). */
export interface ConverterConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}

/**
 * opencc-js's converter, same output, a fifth of the memory. opencc-js keeps each dictionary group as a trie with
 * one Map per node: s2tw builds the 50,000-phrase table twice (segmentation and conversion), about 40 MiB of heap
 * for a server whose corpus is 99 chunks. Here a group is one flat Map from phrase to replacement plus the longest
 * phrase per first character; the longest phrase that starts at a position is the trie's longest match, because
 * every prefix of a phrase is a path in the trie.
 */
export function compactConverter(config: ConverterConfig): (text: string) => string {
  const normalize = (config.normalizationChain ?? []).map((group) => new PhraseTable(group));
  const segmentGroup = config.segmentation ? segmentationGroup(config.segmentation) : null;
  const survey = new Survey(segmentGroup ?? []);
  const chain = config.conversionChain.map((group, index) => new PhraseTable(group, index === 0 ? survey : undefined));
  const segmentation = segmentGroup ? segmenter(segmentGroup, config, chain[0], survey) : null;
  return (text) => {
    const normalized = normalize.reduce((result, table) => table.convert(result), text);
    const segments = segmentation ? segmentation(normalized) : [normalized];
    return chain.reduce((parts, table) => parts.map((part) => table.convert(part)), segments).join("");
  };
}

/** What the first conversion table saw while loading, so segmentation can decide to share it. */
class Survey {
  /** Single characters that the segmentation dictionaries list as phrases. */
  readonly singlePhrases = new Set<string>();
  /** Whether every entry of the other dictionaries is one character. */
  othersAreCharacters = true;

  constructor(private readonly segmentGroup: DictGroup) {}

  see(dictionary: DictLike, source: string): void {
    if (this.segmentGroup.includes(dictionary)) {
      if (isOneCodePoint(source)) this.singlePhrases.add(source);
    } else if (!isOneCodePoint(source)) {
      this.othersAreCharacters = false;
    }
  }
}

/**
 * Splits text at the segmentation group's longest matches. s2tw segments with its phrase dictionaries and then
 * converts with the same ones plus single characters: then the conversion table already knows every phrase, and a
 * match is a phrase unless it is a single character only the character dictionary has. That saves a second
 * 50,000-entry table; any other config gets a table of its own.
 */
function segmenter(
  group: DictGroup,
  config: ConverterConfig,
  first: PhraseTable | undefined,
  survey: Survey,
): (text: string) => string[] {
  const firstGroup = config.conversionChain[0] ?? [];
  const shared = first && survey.othersAreCharacters && group.every((dictionary) => firstGroup.includes(dictionary));
  if (!shared) {
    const own = new PhraseTable(group);
    return (text) => segmentText(text, (start) => own.match(text, start));
  }
  const singlePhrases = survey.singlePhrases;
  return (text) =>
    segmentText(text, (start) => {
      const end = first.match(text, start);
      const key = text.slice(start, end);
      return end > 0 && isOneCodePoint(key) && !singlePhrases.has(key) ? 0 : end;
    });
}

function segmentText(text: string, match: (start: number) => number): string[] {
  const segments: string[] = [];
  let unmatched: number | null = null;
  for (let index = 0; index < text.length; ) {
    const end = match(index);
    if (end > 0) {
      if (unmatched !== null) segments.push(text.slice(unmatched, index));
      unmatched = null;
      segments.push(text.slice(index, end));
      index = end;
    } else {
      unmatched ??= index;
      index += unmatchedLength(text, index);
    }
  }
  if (unmatched !== null) segments.push(text.slice(unmatched));
  return segments;
}

function isOneCodePoint(text: string): boolean {
  return text.length > 0 && text.length === ((text.codePointAt(0) as number) > 0xffff ? 2 : 1);
}

function segmentationGroup(dictionary: DictLike | DictGroup): DictGroup {
  const isGroup = Array.isArray(dictionary) && dictionary.every((entry) => typeof entry === "string");
  return isGroup ? (dictionary as DictGroup) : [dictionary as DictLike];
}

class PhraseTable {
  private readonly replacements = new Map<string, string>();
  /** Per first code point, the longest phrase's length in UTF-16 units: how far a match can reach. */
  private readonly longest = new Map<number, number>();
  /** The first two UTF-16 units of every longer phrase: most positions stop here, as the trie walk would. */
  private readonly openings = new Set<string>();

  constructor(group: DictGroup, survey?: Survey) {
    // opencc-js loads a group's dictionaries last to first, so the first one's entry wins a clash.
    for (const dictionary of [...group].reverse()) {
      forEachEntry(dictionary, (source, replacement) => {
        survey?.see(dictionary, source);
        this.add(source, replacement);
      });
    }
  }

  private add(source: string, replacement: string): void {
    this.replacements.set(source, replacement);
    const first = source.codePointAt(0) as number;
    if (source.length > (this.longest.get(first) ?? 0)) this.longest.set(first, source.length);
    if (source.length > 2) this.openings.add(source.slice(0, 2));
  }

  /** The end of the longest phrase starting at `start`, or 0. */
  match(text: string, start: number): number {
    const reach = this.longest.get(text.codePointAt(start) as number);
    if (reach === undefined) return 0;
    let best = 0;
    for (let end = start; end < text.length && end - start < reach; ) {
      end += (text.codePointAt(end) as number) > 0xffff ? 2 : 1;
      if (end - start > reach) break;
      if (this.replacements.has(text.slice(start, end))) best = end;
      if (end - start === 2 && !this.openings.has(text.slice(start, end))) break;
    }
    return best;
  }

  convert(text: string): string {
    // A whole text that is one phrase is its own longest match: segmentation hands over most text this way.
    const whole = text.length > 0 ? this.replacements.get(text) : undefined;
    if (whole !== undefined) return whole;
    const parts: string[] = [];
    let unmatched: number | null = null;
    for (let index = 0; index < text.length; ) {
      const end = this.match(text, index);
      if (end > 0) {
        if (unmatched !== null) parts.push(text.slice(unmatched, index));
        unmatched = null;
        parts.push(this.replacements.get(text.slice(index, end)) as string);
        index = end;
      } else {
        unmatched ??= index;
        index += unmatchedLength(text, index);
      }
    }
    if (unmatched !== null) parts.push(text.slice(unmatched));
    return parts.join("");
  }
}

/** opencc-js's dictionary formats: "a alpha|b beta" or [["a", "alpha"], ["b", "beta"]]; read without copies. */
function forEachEntry(dictionary: DictLike, each: (source: string, replacement: string) => void): void {
  if (typeof dictionary !== "string") {
    for (const [source, replacement] of dictionary) each(source, replacement);
    return;
  }
  for (let start = 0; start <= dictionary.length; ) {
    let end = dictionary.indexOf("|", start);
    if (end === -1) end = dictionary.length;
    // As opencc-js's line.split(" "): the source before the first space, the replacement up to the next one.
    const space = dictionary.indexOf(" ", start);
    if (space === -1 || space > end) throw new TypeError(`bad dictionary entry: ${dictionary.slice(start, end)}`);
    const next = dictionary.indexOf(" ", space + 1);
    each(dictionary.slice(start, space), dictionary.slice(space + 1, next === -1 || next > end ? end : next));
    start = end + 1;
  }
}

// An ideographic description sequence (⿰氵工) is one unit: opencc-js never converts inside it.
function unmatchedLength(text: string, index: number): number {
  const end = descriptionEnd(text, index);
  return end > index ? end - index : codePointLength(text, index);
}

function descriptionEnd(text: string, index: number): number {
  const arity = descriptionArity(text.codePointAt(index) as number);
  if (arity === 0) return 0;
  let end = index + codePointLength(text, index);
  for (let operand = 0; operand < arity; operand++) {
    if (end >= text.length) return 0;
    const inner = descriptionEnd(text, end);
    end = inner || end + codePointLength(text, end);
  }
  return end;
}

function descriptionArity(codePoint: number): number {
  if (codePoint >= 0x2ff0 && codePoint <= 0x2ff1) return 2;
  if (codePoint >= 0x2ff2 && codePoint <= 0x2ff3) return 3;
  if (codePoint >= 0x2ff4 && codePoint <= 0x2fff) return 2;
  return 0;
}

function codePointLength(text: string, index: number): number {
  return (text.codePointAt(index) as number) > 0xffff ? 2 : 1;
}
