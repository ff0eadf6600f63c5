/**
 * Finding a model's quote in the handbook the way models write quotes: the same words, but often with full-width
 * or ASCII punctuation where the handbook has the other (「，」 for ","), in Simplified characters when the user
 * wrote Simplified, with spaces, quotation marks or a final 。 added, and with "…" where a part was left out.
 *
 * Both sides are folded before they are compared: Unicode NFKC (full-width forms), every punctuation mark, symbol
 * and space dropped, Latin letters lower-cased, and the script made one — first by converting the quote to
 * Traditional (opencc, phrase-aware, as the corpus was), then, if that fails, by reading both sides in Simplified
 * (many Traditional variants, 裡 and 裏, fold to one Simplified character). A quote with an ellipsis matches when
 * its parts appear in order. What is accepted is the handbook's own span, `source.slice(start, end)`: the words the
 * page shows are always the handbook's, never the model's rewriting of them.
 */

/** An accepted quote: the exact span of the source it matched. */
export interface QuoteMatch {
  text: string;
  start: number;
  end: number;
  /** True when the model's quote was not already that exact text (folded to match). */
  normalised: boolean;
}

export interface QuoteMatcherOptions {
  toTraditional: (text: string) => string;
  toSimplified: (text: string) => string;
  /** The fewest folded characters a quote (and each part around an ellipsis) must have: "的" is not a quote. */
  minChars?: number;
}

const ELLIPSIS = /…+|⋯+|\.{3,}|。{3,}|\.\s\.\s\./u;
const DROPPED = /[\p{P}\p{S}\p{Z}\s]/u;

interface Folded {
  text: string;
  /** For each folded character, the index of the source character it came from. */
  at: number[];
}

function foldChar(character: string): string {
  const normal = character.normalize("NFKC");
  let out = "";
  for (const piece of normal) if (!DROPPED.test(piece)) out += piece.toLowerCase();
  return out;
}

/** Folds a text, converted to one script first when the conversion keeps its length (offsets then still hold). */
function fold(text: string, script?: (text: string) => string): Folded {
  const converted = script ? script(text) : text;
  const base = converted.length === text.length ? converted : text;
  let folded = "";
  const at: number[] = [];
  for (let index = 0; index < base.length; index++) {
    const piece = foldChar(base[index] as string);
    for (let k = 0; k < piece.length; k++) {
      folded += piece[k];
      at.push(index);
    }
  }
  return { text: folded, at };
}

export class QuoteMatcher {
  private readonly minChars: number;
  /** Folded sources, by the source text itself: the corpus is small and each chunk is quoted again and again. */
  private readonly sources = new Map<string, { plain: Folded; simplified: Folded }>();

  constructor(private readonly options: QuoteMatcherOptions) {
    this.minChars = options.minChars ?? 4;
  }

  /** The span of `source` that `quote` quotes, or undefined when it quotes nothing there. */
  match(quote: string, source: string): QuoteMatch | undefined {
    if (source.includes(quote) && fold(quote).text.length >= this.minChars) {
      const start = source.indexOf(quote);
      return { text: quote, start, end: start + quote.length, normalised: false };
    }
    const folded = this.folded(source);
    const parts = quote.split(ELLIPSIS);
    const tries: Array<[Folded, (text: string) => string]> = [
      [folded.plain, this.options.toTraditional],
      [folded.simplified, this.options.toSimplified],
    ];
    for (const [side, script] of tries) {
      const span = this.find(
        parts.map((part) => fold(part, script).text),
        side,
      );
      if (span) {
        const text = source.slice(span.start, span.end);
        return { ...span, text, normalised: text !== quote };
      }
    }
    return undefined;
  }

  private find(parts: readonly string[], side: Folded): { start: number; end: number } | undefined {
    const pieces = parts.filter((part) => part.length > 0);
    if (pieces.length === 0 || pieces.reduce((sum, part) => sum + part.length, 0) < this.minChars) return undefined;
    if (pieces.length > 1 && pieces.some((part) => part.length < 2)) return undefined;
    let from = 0;
    let first = -1;
    let last = -1;
    for (const piece of pieces) {
      const found = side.text.indexOf(piece, from);
      if (found < 0) return undefined;
      if (first < 0) first = found;
      last = found + piece.length - 1;
      from = found + piece.length;
    }
    return { start: side.at[first] as number, end: (side.at[last] as number) + 1 };
  }

  private folded(source: string) {
    let entry = this.sources.get(source);
    if (!entry) {
      entry = { plain: fold(source), simplified: fold(source, this.options.toSimplified) };
      if (this.sources.size < 5000) this.sources.set(source, entry);
    }
    return entry;
  }
}
