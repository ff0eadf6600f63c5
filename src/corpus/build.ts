import { cleanPage } from "./clean-page.js";
import { type EnglishSection, parseEnglish } from "./english.js";
import { type LocatedHeading, locateHeadings, parseOutline } from "./outline.js";
import { DEFAULT_PACK, packChunks } from "./pack-chunks.js";
import { applyRepairs, keyOf, parseRepairs, type Repair } from "./repairs.js";
import { segment } from "./segment.js";
import { parseSentenceRoles } from "./sentence-roles.js";
import type { SourceProfile } from "./source-profile.js";
import { TrackedText } from "./tracked-text.js";
import type { Chunk, Corpus, Section } from "./types.js";

export interface CorpusInputs {
  profile: SourceProfile;
  seed: string;
  outline: string;
  repairs: string;
  english: string;
  /** corpus/sentence-roles.tsv (absent: no sentence is marked, advice falls back to its own rules). */
  roles?: string;
  /** Fingerprint of the inputs, stored as the corpus version. */
  version: string;
  seedSha256: string;
}

export interface BuildOptions {
  /** Maps Simplified (or mixed) characters to Traditional, one character for one (opencc cn→tw). */
  toTraditional: (text: string) => string;
  /** Fail when a unit has no English; off only for the tool that writes the English skeleton. */
  requireEnglish: boolean;
}

export interface BuildResult {
  corpus: Corpus;
  /** Every unit in reading order, with its English if any: what --sync-english writes back. */
  englishSections: EnglishSection[];
  missingEnglish: number[];
}

const NUMBERING = /^(?:[一二三四五六七八九十]+、|\d+(?:\.\d+)*、?\s*|、)/;

/** From the shipped files to chunks, sections and stats. Pure: reads nothing, writes nothing. */
export function buildCorpus(inputs: CorpusInputs, options: BuildOptions): BuildResult {
  const { profile, seed } = inputs;
  const outline = parseOutline(inputs.outline);
  const repairs = parseRepairs(inputs.repairs);
  const english = parseEnglish(inputs.english);
  const roles = parseSentenceRoles(inputs.roles ?? "");
  const roleCounts = { applied: 0, stale: 0, missing: 0 };
  const { page, body } = prepareBody(seed, profile, outline[0]?.heading ?? "");
  const headings = locateHeadings(body.text, outline);
  const counts = new Map<string, number>();
  const clean = (text: TrackedText) => toTraditional(applyRepairs(text, repairs, counts), options.toTraditional);

  const sections: Section[] = [];
  const chunks: Chunk[] = [];
  const sentences: Corpus["sentences"] = {};
  const englishSections: EnglishSection[] = [];
  const missingEnglish: number[] = [];
  const titles = new Map<string, string>();

  for (const heading of headings) {
    const headingText = clean(body.slice(heading.headingStart, heading.headingEnd));
    const title = heading.title ?? headingText.text.replace(NUMBERING, "").trim();
    titles.set(heading.id, title);
    const content = clean(body.slice(heading.headingEnd, heading.contentEnd));
    const section: Section = {
      id: heading.id,
      title,
      titleEn: heading.titleEn,
      level: heading.level,
      parentId: heading.parentId,
      heading: heading.heading,
      start: body.sourceStart(heading.headingStart),
      end: sectionEnd(body, headings, heading),
      chunkIds: [],
    };
    sections.push(section);
    const englishSection: EnglishSection = { id: heading.id, title, titleEn: heading.titleEn, units: [] };
    englishSections.push(englishSection);
    if (!/[\p{L}\p{N}]/u.test(content.text)) continue;

    const text = TrackedText.concat([headingText, content]);
    const units = segment(text.text, headingText.length);
    const unitEnglish = units.map((unit) => {
      const offset = text.sourceStart(unit.start);
      const found = english.get(offset);
      englishSection.units.push({ offset, zh: text.text.slice(unit.start, unit.end), en: found?.en ?? "" });
      if (!found) missingEnglish.push(offset);
      return found?.en ?? "";
    });
    const path = pathOf(heading, titles);
    packChunks(units, DEFAULT_PACK).forEach(([first, last], index) => {
      const from = (units[first] as (typeof units)[number]).start;
      const to = (units[last] as (typeof units)[number]).end;
      const start = text.sourceStart(from);
      const end = text.sourceEnd(to);
      const id = `${heading.id}-${String(index + 1).padStart(2, "0")}`;
      chunks.push({
        id,
        sectionId: heading.id,
        title,
        path,
        text: text.text.slice(from, to),
        en: unitEnglish
          .slice(first, last + 1)
          .filter(Boolean)
          .join(" "),
        raw: seed.slice(start, end),
        start,
        end,
      });
      section.chunkIds.push(id);
      sentences[id] = units.slice(first, last + 1).map((unit, offset) => {
        const sentence = { text: text.text.slice(unit.start, unit.end), en: unitEnglish[first + offset] ?? "" };
        const entry = roles.get(`${id}#${offset}`);
        // A role is kept only for the sentence it was written for: a new repair or chunking leaves it stale.
        if (!entry) roleCounts.missing++;
        else if (entry.text !== "" && entry.text !== sentence.text) roleCounts.stale++;
        else {
          roleCounts.applied++;
          return { ...sentence, role: entry.role, weight: entry.weight, ...(entry.when ? { when: entry.when } : {}) };
        }
        return sentence;
      });
    });
  }

  if (options.requireEnglish && missingEnglish.length > 0) {
    throw new Error(`${missingEnglish.length} units have no English, first at seed offset ${missingEnglish[0]}`);
  }

  const bodyStart = body.sourceStart(0);
  const corpus: Corpus = {
    version: inputs.version,
    source: { id: profile.id, title: profile.title, titleEn: profile.titleEn, seedSha256: inputs.seedSha256 },
    sections,
    chunks,
    sentences,
    queryRepairs: repairs
      .filter((repair) => repair.query)
      .map((repair) => ({
        spun: options.toTraditional(repair.spun),
        original: options.toTraditional(repair.original),
      })),
    playbooks: [],
    stats: {
      sections: sections.length,
      chunks: chunks.length,
      coverage: coverage(seed, bodyStart, page.span.end, page.markerSpans, chunks),
      chunkChars: distribution(chunks.map((chunk) => chunk.text.length)),
      markersRemoved: page.markersRemoved,
      repairs: repairs.map((repair) => repairCount(repair, counts)),
      glyphFixes: profile.glyphFixes.length,
      sentenceRoles: roleCounts,
    },
  };
  return { corpus, englishSections, missingEnglish };
}

/**
 * The handbook text before any spun-word repair: page boilerplate, markers and table of contents gone,
 * glyphs fixed. Exported so tests can check repairs against the exact text the pipeline repairs.
 */
export function prepareBody(seed: string, profile: SourceProfile, firstHeading: string) {
  const page = cleanPage(seed, profile);
  const body = profile.hasTableOfContents ? skipTableOfContents(page.text, firstHeading) : page.text;
  return { page, body };
}

/** The table of contents lists the headings first; the body starts where the first heading comes again. */
function skipTableOfContents(text: TrackedText, firstHeading: string): TrackedText {
  const first = text.text.indexOf(firstHeading);
  const second = first < 0 ? -1 : text.text.indexOf(firstHeading, first + firstHeading.length);
  if (second < 0) throw new Error(`table of contents: "${firstHeading}" does not appear twice`);
  return text.slice(second, text.length);
}

/** Applies a one-for-one character converter as edits, so provenance survives the script change. */
function toTraditional(text: TrackedText, convert: (text: string) => string): TrackedText {
  const converted = convert(text.text);
  if (converted === text.text) return text;
  if (converted.length !== text.length) throw new Error("script conversion changed the text length");
  const edits = [];
  for (let i = 0; i < converted.length; i++) {
    if (converted[i] !== text.text[i]) edits.push({ start: i, end: i + 1, text: converted[i] as string });
  }
  return text.applyEdits(edits);
}

function pathOf(heading: LocatedHeading, titles: Map<string, string>): string[] {
  const parts = heading.id.split(".");
  return parts.map((_, index) => titles.get(parts.slice(0, index + 1).join(".")) ?? "");
}

function sectionEnd(body: TrackedText, headings: readonly LocatedHeading[], heading: LocatedHeading): number {
  const index = headings.indexOf(heading);
  let last = heading;
  for (const next of headings.slice(index + 1)) {
    if (!next.id.startsWith(`${heading.id}.`)) break;
    last = next;
  }
  return body.sourceEnd(Math.max(last.contentEnd, last.headingEnd));
}

function coverage(
  seed: string,
  start: number,
  end: number,
  markers: ReadonlyArray<{ start: number; end: number }>,
  chunks: readonly Chunk[],
): number {
  const counted = new Uint8Array(seed.length);
  for (let i = start; i < end; i++) counted[i] = /\s/.test(seed[i] as string) ? 0 : 1;
  for (const marker of markers) counted.fill(0, marker.start, marker.end);
  const covered = new Uint8Array(seed.length);
  for (const chunk of chunks) covered.fill(1, chunk.start, chunk.end);
  let total = 0;
  let inside = 0;
  for (let i = start; i < end; i++) {
    if (!counted[i]) continue;
    total++;
    if (covered[i]) inside++;
  }
  return total === 0 ? 0 : inside / total;
}

function distribution(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    max: sorted.at(-1) ?? 0,
  };
}

function repairCount(repair: Repair, counts: Map<string, number>) {
  return {
    spun: repair.spun,
    original: repair.original,
    guard: repair.guard?.source ?? "",
    applied: counts.get(keyOf(repair)) ?? 0,
  };
}
