import { escapeRegExp } from "../../corpus/clean-page.js";
import type { SplitSettings } from "./fabe-settings.js";

/** A sentence of a pitch and where it stands in the pitch (UTF-16 offsets). */
export interface Span {
  text: string;
  start: number;
  end: number;
  /**
   * A clause of a run-on pitch (one with no sentence-final punctuation at all), cut where a new point may begin.
   * Neighbouring clauses that carry the same element are one sentence of the writer's: `mergeClauses` joins them
   * back once they are labelled.
   */
  clause?: true;
}

/**
 * Where a sentence ends (docs/fabe-labelling-guide.md §1): 。！？!? however repeated, with any closing quote or
 * bracket; an English full stop before white space or the end; an ellipsis only before a line break or the end;
 * every line break. Commas, colons and semicolons never end one: a semicolon joins clauses of one sentence.
 */
const SENTENCE_END =
  /[。!?\uFF01\uFF1F]+[」』”’"')）]*|(?<!\.)\.(?=[」』”’"')）]*(?:\s|$))[」』”’"')）]*|(?:…+|\.{3,})(?=\s*(?:\n|$))|\n+/g;
/** Any sentence-final mark at all: a pitch without one is a run-on. */
const ANY_FINAL = /[。!?\uFF01\uFF1F]|[A-Za-z0-9%)'"’”]\.(?:\s|$)/;

/**
 * Cuts a pitch into the writer's own sentences, in Chinese (either script) or English. A run-on pitch — typed on
 * a phone or dictated, with no full stop, question or exclamation mark anywhere — is cut into clauses at commas
 * and spaces (Chinese) or commas and clause openers (English), and Chinese typed with no separators at all before
 * words that open a new point. The word lists are prompts/fabe-settings.json `split`, compiled once here.
 */
export class PitchSplitter {
  /** A title's or an abbreviation's full stop ("Mrs.", "Dr.", "U.S.", "e.g.") that does not end the sentence. */
  private readonly abbreviation: RegExp;
  /** Words that open a new clause in a run-on English pitch. */
  private readonly englishOpeners: RegExp;
  /** A clause opening with one of these carries on the point before it ("…八百畝,而且噴灑均勻"). */
  private readonly continues: RegExp;
  /** Sentence-final particles (吧, 了 …) followed by more Chinese: a point ends there. */
  private readonly particles: RegExp;

  constructor(private readonly settings: SplitSettings) {
    this.abbreviation = new RegExp(`(?:(?:^|[^A-Za-z])(?:${settings.abbreviations.join("|")})|\\.[A-Za-z])$`, "i");
    this.englishOpeners = new RegExp(`\\s+(?=(?:${settings.englishOpeners.map(escapeRegExp).join("|")})\\b)`, "gi");
    this.continues = new RegExp(`^(?:${settings.continuers.map(escapeRegExp).join("|")})`, "i");
    this.particles = new RegExp(`[${settings.finalParticles.map(escapeRegExp).join("")}](?=[\\p{Script=Han}])`, "gu");
  }

  split(pitch: string): Span[] {
    // Line breaks end sentences too: a chat typed one point per line is not a run-on.
    const runOn = !ANY_FINAL.test(pitch) && !pitch.trim().includes("\n");
    const spans: Span[] = [];
    let start = 0;
    for (const match of pitch.matchAll(runOn ? /\n+/g : SENTENCE_END)) {
      if (match[0] === "." && this.abbreviation.test(pitch.slice(Math.max(0, match.index - 8), match.index))) continue;
      const end = match.index + match[0].length;
      spans.push({ text: pitch.slice(start, end), start, end });
      start = end;
    }
    spans.push({ text: pitch.slice(start), start, end: pitch.length });
    return spans
      .flatMap((span) => (runOn ? this.clauses(pitch, span) : [span]))
      .map((span) => trim(pitch, span))
      .filter((span): span is Span => span !== undefined && /[\p{L}\p{N}]/u.test(span.text));
  }

  /** A line of a run-on pitch, cut into clauses (each marked `clause`). */
  private clauses(pitch: string, line: Span): Span[] {
    const han = line.text.match(/\p{Script=Han}/gu)?.length ?? 0;
    const pieces =
      han > 0
        ? this.cutAt(pitch, line.start, line.end, /[,\uFF0C\u3001;\uFF1B]\s*|\s+/g)
        : this.cutAt(pitch, line.start, line.end, /[,;]\s+/g);
    return pieces
      .flatMap((piece) => {
        if (han === 0) {
          const words = piece.text.split(/\s+/).filter(Boolean).length;
          return words > this.settings.runOnWords
            ? this.cutAt(pitch, piece.start, piece.end, this.englishOpeners)
            : [piece];
        }
        const pieceHan = piece.text.match(/\p{Script=Han}/gu)?.length ?? 0;
        return pieceHan > this.settings.runOnCjk ? this.cutBeforeOpeners(pitch, piece.start, piece.end) : [piece];
      })
      .map((piece) => ({ ...piece, clause: true as const }));
  }

  /** Cuts after each separator match, keeping pieces of at least a few characters. */
  private cutAt(pitch: string, start: number, end: number, separator: RegExp): Span[] {
    const text = pitch.slice(start, end);
    const pieces: Span[] = [];
    let from = 0;
    for (const match of text.matchAll(separator)) {
      const to = match.index + match[0].length;
      if (this.continues.test(text.slice(to)) && /[,\uFF0C]/.test(match[0])) continue;
      if (match.index - from >= this.settings.minPieceChars) {
        pieces.push({ text: text.slice(from, to), start: start + from, end: start + to });
        from = to;
      }
    }
    if (from < text.length) pieces.push({ text: text.slice(from), start: start + from, end });
    return pieces;
  }

  /**
   * Chinese typed with no separators at all: cut before words that open a new point, after sentence-final
   * particles (吧, 了, 啦 …), and after a run of Latin letters or digits (規格, "3G") — keeping pieces of at
   * least `minPieceChars` characters and a tail of at least `minTailChars`.
   */
  private cutBeforeOpeners(pitch: string, start: number, end: number): Span[] {
    const { minPieceChars, minTailChars } = this.settings;
    const text = pitch.slice(start, end);
    const cuts = new Set<number>();
    for (const opener of this.settings.chineseOpeners) {
      for (let index = text.indexOf(opener, 1); index > 0; index = text.indexOf(opener, index + 1)) cuts.add(index);
    }
    for (const match of text.matchAll(this.particles)) cuts.add(match.index + 1);
    for (const match of text.matchAll(/[A-Za-z0-9]+(?=[\p{Script=Han}])/gu)) cuts.add(match.index + match[0].length);
    const points = [...cuts]
      .sort((x, y) => x - y)
      .filter((point, i, all) => point - (all[i - 1] ?? 0) >= minPieceChars && text.length - point >= minTailChars);
    const spans: Span[] = [];
    let from = 0;
    for (const point of points) {
      if (point - from < minPieceChars) continue;
      spans.push({ text: text.slice(from, point), start: start + from, end: start + point });
      from = point;
    }
    spans.push({ text: text.slice(from), start: start + from, end });
    return spans;
  }
}

/**
 * Joins neighbouring clauses of a run-on pitch that were given the same label: together they are one sentence
 * of the writer's, quoted as they wrote it (the white space or comma between them kept).
 */
export function mergeClauses<T extends { label: string }>(
  pitch: string,
  spans: readonly Span[],
  labelled: readonly T[],
  join: (first: T, second: T, text: string) => T,
): { spans: Span[]; labelled: T[] } {
  const outSpans: Span[] = [];
  const outLabelled: T[] = [];
  spans.forEach((span, index) => {
    const item = labelled[index] as T;
    const last = outSpans.length - 1;
    const previous = outSpans[last];
    // A line break ends a sentence even in a run-on pitch: clauses merge within a line only.
    const sameLine = previous !== undefined && !pitch.slice(previous.end, span.start).includes("\n");
    if (previous?.clause && span.clause && sameLine && outLabelled[last]?.label === item.label) {
      const merged = {
        text: pitch.slice(previous.start, span.end),
        start: previous.start,
        end: span.end,
        clause: true as const,
      };
      outSpans[last] = merged;
      outLabelled[last] = join(outLabelled[last] as T, item, merged.text);
      return;
    }
    outSpans.push(span);
    outLabelled.push(item);
  });
  return { spans: outSpans, labelled: outLabelled };
}

function trim(pitch: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && /[\s,\uFF0C\u3001]/.test(pitch[start] as string)) start++;
  while (end > start && /[\s,\uFF0C\u3001]/.test(pitch[end - 1] as string)) end--;
  return end > start ? { ...span, text: pitch.slice(start, end), start, end } : undefined;
}
