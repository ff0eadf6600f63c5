import type { SplitSettings } from "./fabe-settings.js";

/** A sentence of a pitch and where it stands in the pitch (UTF-16 offsets). */
export interface Span {
  text: string;
  start: number;
  end: number;
}

const TERMINAL = /[。!?\uFF01\uFF1F;\uFF1B…]+[」』”’)]*|[.!?]+(?=\s|$)["'”’)]*|\n+/g;
/** "王總您好,我們的…" / "Hi Sarah, our …": the greeting is a sentence of its own. */
const GREETING =
  /^\s*(?:[\p{Script=Han}]{0,6}(?:您好|你好|妳好|早安|午安)[!!,,\uFF0C\uFF01]?|(?:hi|hello|dear)\b[^,.!?]{0,30}[,!])\s*/iu;

/**
 * Splits a pitch into sentences in Chinese (either script) or English: at terminal punctuation and line
 * breaks; then a long stretch without any (a run-on pitch) at commas or spaces, and, in Chinese with no
 * separators at all, before words that open a new point. The lengths and word lists are prompts/fabe-settings.json
 * `split`, compiled once here.
 */
export class PitchSplitter {
  /** A title's full stop ("Mrs.", "Dr.") that does not end the sentence. */
  private readonly abbreviation: RegExp;
  /** Words that open a new clause in a run-on English pitch typed without punctuation. */
  private readonly englishOpeners: RegExp;
  /** A clause opening with one of these carries on the point before it ("…八百畝,而且噴灑均勻"). */
  private readonly continues: RegExp;
  /** Sentence-final particles (吧, 了 …) followed by more Chinese: a point ends there. */
  private readonly particles: RegExp;

  constructor(private readonly settings: SplitSettings) {
    this.abbreviation = new RegExp(`(?:^|[^A-Za-z])(?:${settings.abbreviations.join("|")})$`, "i");
    this.englishOpeners = new RegExp(`\\s+(?=(?:${settings.englishOpeners.map(escapeRegExp).join("|")})\\b)`, "gi");
    this.continues = new RegExp(`^(?:${settings.continuers.map(escapeRegExp).join("|")})`, "i");
    this.particles = new RegExp(`[${settings.finalParticles.map(escapeRegExp).join("")}](?=[\\p{Script=Han}])`, "gu");
  }

  split(pitch: string): Span[] {
    const spans: Span[] = [];
    let start = 0;
    for (const match of pitch.matchAll(TERMINAL)) {
      // "Mrs. Alvarez", "Dr. Lin": a title's full stop does not end the sentence.
      const before = pitch.slice(Math.max(0, match.index - this.settings.abbreviationLookbackChars), match.index);
      if (match[0].startsWith(".") && this.abbreviation.test(before)) continue;
      const end = match.index + match[0].length;
      spans.push(...this.splitLong(pitch, start, end));
      start = end;
    }
    spans.push(...this.splitLong(pitch, start, pitch.length));
    return spans
      .flatMap((span) => this.splitGreeting(pitch, span))
      .map((span) => trim(pitch, span))
      .filter((span): span is Span => span !== undefined && /[\p{L}\p{N}]/u.test(span.text));
  }

  private splitLong(pitch: string, start: number, end: number): Span[] {
    const { longCjk, longWords, runOnCjk, runOnWords } = this.settings;
    const text = pitch.slice(start, end);
    const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
    const words = text.split(/\s+/).filter(Boolean).length;
    const bare = !/[,\uFF0C\u3001.;:!?\uFF01\uFF1F\u3002]/.test(text);
    const long = han > 0 ? han > (bare ? runOnCjk : longCjk) : words > (bare ? runOnWords : longWords);
    if (!long) return [{ text, start, end }];
    if (bare && han === 0) return this.cutAt(pitch, start, end, this.englishOpeners);
    if (bare && /\s/.test(text.trim())) {
      const pieces = this.cutAt(pitch, start, end, /\s+/g);
      // Only smaller pieces recurse: when the spaces leave no piece long enough to keep, cutAt gives back the
      // whole stretch, and recursing on it never ended (a run-on with a Latin word such as Wi-Fi inside).
      if (pieces.length > 1) return pieces.flatMap((piece) => this.splitLong(pitch, piece.start, piece.end));
      return han > 0 ? this.cutBeforeOpeners(pitch, start, end) : [{ text, start, end }];
    }
    if (bare) return this.cutBeforeOpeners(pitch, start, end);
    const separator = han > 0 ? /[,\uFF0C\u3001]\s*|\s+/g : /,\s+|\s+(?:and so|so that|which means|and)\s+/g;
    const pieces = this.cutAt(pitch, start, end, separator);
    if (pieces.length > 1) {
      return pieces.flatMap((piece) =>
        piece.end - piece.start < text.length ? this.splitLong(pitch, piece.start, piece.end) : [piece],
      );
    }
    if (han > 0) return this.cutBeforeOpeners(pitch, start, end);
    return [{ text, start, end }];
  }

  /** Cuts after each separator match, keeping pieces of at least a few characters. */
  private cutAt(pitch: string, start: number, end: number, separator: RegExp): Span[] {
    const text = pitch.slice(start, end);
    const pieces: Span[] = [];
    let from = 0;
    for (const match of text.matchAll(separator)) {
      const to = match.index + match[0].length;
      if (this.continues.test(text.slice(to)) && separator.source.includes("FF0C")) continue;
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

  private splitGreeting(pitch: string, span: Span): Span[] {
    const match = GREETING.exec(span.text);
    if (!match || match[0].length >= span.text.trim().length - this.settings.greetingMinRestChars) return [span];
    const cut = span.start + match[0].length;
    return [
      { text: pitch.slice(span.start, cut), start: span.start, end: cut },
      { text: pitch.slice(cut, span.end), start: cut, end: span.end },
    ];
  }
}

function trim(pitch: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && /[\s,\uFF0C\u3001]/.test(pitch[start] as string)) start++;
  while (end > start && /[\s,\uFF0C\u3001]/.test(pitch[end - 1] as string)) end--;
  return end > start ? { text: pitch.slice(start, end), start, end } : undefined;
}

function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
