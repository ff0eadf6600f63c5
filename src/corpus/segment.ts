/** A sentence-sized unit of a section's clean text: the atom that chunks are packed from and translated by. */
export interface Unit {
  start: number;
  end: number;
}

const SENTENCE_END = new Set(["。", "!", "?", ";", "!", "?", ";"]);
const CLOSERS = new Set(["”", "」", "』", "’", ")", ")"]);
/** Units longer than this are cut again at commas, so no translation unit outgrows a chunk. */
const MAX_UNIT = 240;

/**
 * Splits text into units: after sentence-final punctuation (with any closing quote), and at runs of
 * white space, which in this run-on source separate run-in headings and list items.
 * The first `headingLength` characters (the section heading, which may hold spaces) are one unit.
 */
export function segment(text: string, headingLength = 0): Unit[] {
  const units: Unit[] = [];
  let start = 0;
  const push = (end: number) => {
    let trimmedEnd = end;
    while (trimmedEnd > start && /\s/.test(text[trimmedEnd - 1] as string)) trimmedEnd--;
    if (trimmedEnd > start) units.push(...splitLong(text, start, trimmedEnd));
  };
  if (headingLength > 0) {
    push(headingLength);
    // The heading is often followed by a colon ("1、定位: …"): it belongs to neither unit.
    start = skipSpace(text, headingLength, /[\s::]/);
  } else {
    start = skipSpace(text, 0);
  }
  for (let i = start; i < text.length; i++) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      push(i);
      start = skipSpace(text, i);
      i = start - 1;
      continue;
    }
    if (SENTENCE_END.has(char)) {
      let end = i + 1;
      while (end < text.length && CLOSERS.has(text[end] as string)) end++;
      push(end);
      start = skipSpace(text, end);
      i = start - 1;
    }
  }
  push(text.length);
  return units;
}

function splitLong(text: string, start: number, end: number): Unit[] {
  if (end - start <= MAX_UNIT) return [{ start, end }];
  const pieces: Unit[] = [];
  let pieceStart = start;
  for (let i = start; i < end; i++) {
    if ((text[i] === "," || text[i] === ",") && i + 1 - pieceStart >= MAX_UNIT / 2) {
      pieces.push({ start: pieceStart, end: i + 1 });
      pieceStart = i + 1;
    }
  }
  if (pieceStart < end) pieces.push({ start: pieceStart, end });
  return pieces;
}

function skipSpace(text: string, from: number, skippable = /\s/): number {
  let index = from;
  while (index < text.length && skippable.test(text[index] as string)) index++;
  return index;
}
