import type { SourceProfile } from "./source-profile.js";
import { type Edit, TrackedText } from "./tracked-text.js";

export interface CleanPage {
  /** The handbook text between the page boilerplate, markers removed, glyphs fixed. */
  text: TrackedText;
  /** Source span of the handbook text (boilerplate excluded). */
  span: { start: number; end: number };
  /** How many preview-block markers were removed. */
  markersRemoved: number;
  /** Source spans of the removed markers, so coverage can leave them out. */
  markerSpans: Array<{ start: number; end: number }>;
}

/**
 * The source-specific pre-step: from a scraped page to the handbook's own text.
 * Every removal is an edit on a TrackedText, so offsets into the seed survive.
 */
export function cleanPage(seed: string, profile: SourceProfile): CleanPage {
  const start = profile.bodyStartAfter ? indexAfter(seed, profile.bodyStartAfter, 0) : 0;
  const end = profile.bodyEndBefore ? indexOrThrow(seed, profile.bodyEndBefore, start) : seed.length;
  let text = TrackedText.fromSource(seed.slice(start, end), start);

  const markerSpans: Array<{ start: number; end: number }> = [];
  if (profile.blockMarker) {
    const edits = findBlockMarkers(text.text, new RegExp(profile.blockMarker, "g"));
    for (const edit of edits) markerSpans.push({ start: text.sourceStart(edit.start), end: text.sourceEnd(edit.end) });
    text = text.applyEdits(edits);
  }

  for (const fix of profile.glyphFixes) {
    const pattern = new RegExp(escapeRegExp(fix.from), "g");
    if (!pattern.test(text.text)) throw new Error(`glyph fix "${fix.from}" matches nothing in ${profile.id}`);
    pattern.lastIndex = 0;
    text = text.replaceAll(pattern, () => fix.to);
  }

  text = readTimeRanges(text);
  text = trim(text);
  return { text, span: { start, end }, markersRemoved: markerSpans.length, markerSpans };
}

/**
 * Block markers are recognised by their sequence: the k-th match must carry the number k.
 * A match that breaks the sequence is real text and is left alone; a sequence with gaps is an error,
 * because a silently missed marker would leave "37、" in the middle of a citation.
 */
function findBlockMarkers(text: string, pattern: RegExp): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(pattern)) {
    const number = Number(match[1]);
    if (number !== edits.length + 1) continue;
    edits.push({ start: match.index, end: match.index + match[0].length, text: "" });
  }
  if (edits.length === 0) throw new Error("block marker pattern matched nothing");
  return edits;
}

/** `【07:5008:00】` is a time range whose dash was lost: read it as `【07:50–08:00】`. */
function readTimeRanges(text: TrackedText): TrackedText {
  return text.replaceAll(/【(\d{1,2}:\d{2})(\d{1,2}:\d{2})】/g, (match) => `【${match[1]}–${match[2]}】`);
}

function trim(text: TrackedText): TrackedText {
  const leading = text.text.length - text.text.trimStart().length;
  const trailing = text.text.length - text.text.trimEnd().length;
  return text.slice(leading, text.length - trailing);
}

function indexAfter(haystack: string, needle: string, from: number): number {
  return indexOrThrow(haystack, needle, from) + needle.length;
}

function indexOrThrow(haystack: string, needle: string, from: number): number {
  const index = haystack.indexOf(needle, from);
  if (index < 0) throw new Error(`"${needle}" not found in the source`);
  return index;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
