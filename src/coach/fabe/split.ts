/** A sentence of a pitch and where it stands in the pitch (UTF-16 offsets). */
export interface Span {
  text: string;
  start: number;
  end: number;
}

const TERMINAL = /[。!?\uFF01\uFF1F;\uFF1B…]+[」』”’)]*|[.!?]+(?=\s|$)["'”’)]*|\n+/g;
const ABBREVIATION = /(?:^|[^A-Za-z])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Inc|Co|Ltd|vs|etc|approx|No)$/i;
/** Words that open a new point in a run-on Chinese pitch typed without punctuation. */
const CHINESE_OPENERS = ["而且", "另外", "所以", "因此", "並且", "還有", "再加上", "像是", "比如", "例如", "我們", "我们", "这款", "這款", "這套", "這台", "讓您", "讓你", "让您", "保證", "保证", "已經", "已经", "去年", "現在", "现在", "目前", "您的", "您車", "你們", "你们", "妳們", "你看", "您看", "請問", "请问", "不過", "但是", "比", "這樣", "这样", "每", "一共", "单个", "單個", "員工", "员工", "早上", "回頭", "回头", "我保證", "我保证"];
/** Words that open a new clause in a run-on English pitch typed without punctuation. */
const ENGLISH_OPENERS = /\s+(?=(?:so|and so|it's|its|which|that means|and we|and it|your|we've|we're|we|plus|also|can i|would you|shall we)\b)/gi;
/** A stretch longer than this with no terminal punctuation is cut again. */
const LONG_CJK = 40;
const LONG_WORDS = 28;
/** Text with no punctuation at all is cut sooner: nothing else marks where one point ends. */
const RUN_ON_CJK = 24;
const RUN_ON_WORDS = 16;

/**
 * Splits a pitch into sentences in Chinese (either script) or English: at terminal punctuation and line
 * breaks; then a long stretch without any (a run-on pitch) at commas or spaces, and, in Chinese with no
 * separators at all, before words that open a new point.
 */
export function splitPitch(pitch: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of pitch.matchAll(TERMINAL)) {
    // "Mrs. Alvarez", "Dr. Lin": a title's full stop does not end the sentence.
    if (match[0].startsWith(".") && ABBREVIATION.test(pitch.slice(Math.max(0, match.index - 6), match.index))) continue;
    const end = match.index + match[0].length;
    spans.push(...splitLong(pitch, start, end));
    start = end;
  }
  spans.push(...splitLong(pitch, start, pitch.length));
  return spans.flatMap((span) => splitGreeting(pitch, span)).map((span) => trim(pitch, span)).filter((span): span is Span => span !== undefined && /[\p{L}\p{N}]/u.test(span.text));
}

function splitLong(pitch: string, start: number, end: number): Span[] {
  const text = pitch.slice(start, end);
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  const bare = !/[,\uFF0C\u3001.;:!?\uFF01\uFF1F\u3002]/.test(text);
  const long = han > 0 ? han > (bare ? RUN_ON_CJK : LONG_CJK) : words > (bare ? RUN_ON_WORDS : LONG_WORDS);
  if (!long) return [{ text, start, end }];
  if (bare && han === 0) return cutAt(pitch, start, end, ENGLISH_OPENERS);
  if (bare && /\s/.test(text.trim())) return cutAt(pitch, start, end, /\s+/g).flatMap((piece) => splitLong(pitch, piece.start, piece.end));
  if (bare) return cutBeforeOpeners(pitch, start, end);
  const pieces = cutAt(pitch, start, end, han > 0 ? /[,\uFF0C\u3001]\s*|\s+/g : /,\s+|\s+(?:and so|so that|which means|and)\s+/g);
  if (pieces.length > 1) return pieces.flatMap((piece) => (piece.end - piece.start < text.length ? splitLong(pitch, piece.start, piece.end) : [piece]));
  if (han > 0) return cutBeforeOpeners(pitch, start, end);
  return [{ text, start, end }];
}

/** A clause opening with one of these carries on the point before it ("…八百畝,而且噴灑均勻"). */
const CONTINUES = /^(?:而且|並且|並|也|還|又|不|且|同時|甚至|就|and|or|but also|plus)/i;

/** Cuts after each separator match, keeping pieces of at least a few characters. */
function cutAt(pitch: string, start: number, end: number, separator: RegExp): Span[] {
  const text = pitch.slice(start, end);
  const pieces: Span[] = [];
  let from = 0;
  for (const match of text.matchAll(separator)) {
    const to = match.index + match[0].length;
    if (CONTINUES.test(text.slice(to)) && separator.source.includes("FF0C")) continue;
    if (match.index - from >= 6) {
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
 * least six characters.
 */
function cutBeforeOpeners(pitch: string, start: number, end: number): Span[] {
  const text = pitch.slice(start, end);
  const cuts = new Set<number>();
  for (const opener of CHINESE_OPENERS) {
    for (let index = text.indexOf(opener, 1); index > 0; index = text.indexOf(opener, index + 1)) cuts.add(index);
  }
  for (const match of text.matchAll(/[吧了啦呢喔哦啊嘛](?=[\p{Script=Han}])/gu)) cuts.add(match.index + 1);
  for (const match of text.matchAll(/[A-Za-z0-9]+(?=[\p{Script=Han}])/gu)) cuts.add(match.index + match[0].length);
  const points = [...cuts].sort((x, y) => x - y).filter((point, i, all) => point - (all[i - 1] ?? 0) >= 6 && text.length - point >= 4);
  const spans: Span[] = [];
  let from = 0;
  for (const point of points) {
    if (point - from < 6) continue;
    spans.push({ text: text.slice(from, point), start: start + from, end: start + point });
    from = point;
  }
  spans.push({ text: text.slice(from), start: start + from, end });
  return spans;
}

function trim(pitch: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && /[\s,\uFF0C\u3001]/.test(pitch[start] as string)) start++;
  while (end > start && /[\s,\uFF0C\u3001]/.test(pitch[end - 1] as string)) end--;
  return end > start ? { text: pitch.slice(start, end), start, end } : undefined;
}

/** "王總您好,我們的…" / "Hi Sarah, our …": the greeting is a sentence of its own. */
const GREETING = /^\s*(?:[\p{Script=Han}]{0,6}(?:您好|你好|妳好|早安|午安)[!!,,\uFF0C\uFF01]?|(?:hi|hello|dear)\b[^,.!?]{0,30}[,!])\s*/iu;

function splitGreeting(pitch: string, span: Span): Span[] {
  const match = GREETING.exec(span.text);
  if (!match || match[0].length >= span.text.trim().length - 3) return [span];
  const cut = span.start + match[0].length;
  return [
    { text: pitch.slice(span.start, cut), start: span.start, end: cut },
    { text: pitch.slice(cut, span.end), start: cut, end: span.end },
  ];
}
