import { detectLanguage } from "../retrieval/normalise.js";
import { isInstructionToModel } from "../safety/instructions.js";
import { DEFAULT_PACK, packChunks } from "./pack-chunks.js";
import type { Chunk, Corpus, PlaybookInfo, Section } from "./types.js";

/** A user's own playbook as stored in `corpus/playbooks/` (Markdown or plain text, Chinese or English). */
export interface PlaybookFile {
  /** File name, e.g. `onboarding.md`; its stem is the playbook's id. */
  name: string;
  content: string;
}

export interface PlaybookPart {
  info: PlaybookInfo;
  sections: Section[];
  chunks: Chunk[];
  sentences: Corpus["sentences"];
}

/** File stems a playbook may have: the stem becomes part of every chunk id, so it stays URL- and id-safe. */
export const PLAYBOOK_STEM = /^[a-z0-9][a-z0-9-]{0,47}$/;
export const PLAYBOOK_EXTENSIONS = [".md", ".markdown", ".txt"] as const;

/** A sentence of cleaned text and the span of the file it came from. */
interface Piece {
  text: string;
  start: number;
  end: number;
}

interface Block {
  heading?: { level: number; title: string; line: string };
  pieces: Piece[];
}

/**
 * Builds sections and chunks from a playbook, by the same rules as the handbook: chunks of balanced size that
 * never cross a section, each pointing at its exact span of the file (`content.slice(start, end) === raw`).
 * Markdown headings make sections; the text before the first heading belongs to the playbook's own section.
 * Chinese text is indexed in Traditional script like the handbook; English text is its own English rendering.
 */
export function parsePlaybook(file: PlaybookFile, toTraditional: (text: string) => string): PlaybookPart {
  const stem = file.name.replace(/\.[^.]+$/, "");
  if (!PLAYBOOK_STEM.test(stem))
    throw new Error(`playbook file name "${file.name}": use lower-case letters, digits and dashes`);
  const id = `pb-${stem}`;
  const markdown = !file.name.endsWith(".txt");
  const blocks = readBlocks(file.content, markdown);
  // Sentences addressed to an AI are left out of the text (the raw span keeps them, as provenance).
  const dropped: number[] = [];
  for (const block of blocks) {
    block.pieces = block.pieces.filter((piece, index) => {
      const keep = (index === 0 && block.heading !== undefined) || !isInstructionToModel(piece.text);
      if (!keep) dropped.push(lineOf(file.content, piece.start));
      return keep;
    });
  }
  // Language is decided per passage, so a playbook may mix Chinese and English sections.
  const english = (text: string) => detectLanguage(text, toTraditional) === "en";
  const convert = (text: string) => (english(text) ? text : toTraditional(text));
  const firstHeading = blocks.find((block) => block.heading)?.heading;
  const title = convert(firstHeading?.level === 1 ? firstHeading.title : stem.replace(/-/g, " "));

  const root: Section = {
    id,
    title,
    titleEn: english(title) ? title : "",
    level: 1,
    parentId: null,
    heading: "",
    start: 0,
    end: file.content.length,
    chunkIds: [],
  };
  const sections: Section[] = [root];
  const chunks: Chunk[] = [];
  const sentences: Corpus["sentences"] = {};
  const stack: Array<{ level: number; section: Section }> = [{ level: 0, section: root }];
  const groups: Array<{ section: Section; pieces: Piece[] }> = [{ section: root, pieces: [] }];
  const langs = new Set<"en" | "zh">();

  for (const block of blocks) {
    const heading = block.heading;
    // A leading H1 names the playbook: it is the root section's heading, not a section of its own.
    if (heading && !(heading === firstHeading && heading.level === 1)) {
      while ((stack.at(-1)?.level ?? 0) >= heading.level) stack.pop();
      const parent = (stack.at(-1) ?? stack[0]!).section;
      const section: Section = {
        id: `${id}.${sections.length}`,
        title: convert(heading.title),
        titleEn: english(heading.title) ? heading.title : "",
        level: parent.level + 1,
        parentId: parent.id,
        heading: heading.line,
        start: block.pieces[0]?.start ?? 0,
        end: file.content.length,
        chunkIds: [],
      };
      sections.push(section);
      stack.push({ level: heading.level, section });
      groups.push({ section, pieces: [] });
    } else if (heading) {
      root.heading = heading.line;
    }
    (groups.at(-1) as (typeof groups)[number]).pieces.push(...block.pieces);
  }
  closeSections(sections);

  for (const { section, pieces } of groups) {
    // A section that is only its heading has nothing to cite.
    const body = section === root && !root.heading ? pieces : pieces.slice(1);
    if (body.length === 0) continue;
    const joiner = english(pieces.map((piece) => piece.text).join(" ")) ? " " : "";
    const units = positions(pieces, joiner);
    const path = pathOf(section, sections);
    packChunks(units, DEFAULT_PACK).forEach(([first, last], index) => {
      const chunkId = `${section.id}-${String(index + 1).padStart(2, "0")}`;
      const own = pieces.slice(first, last + 1);
      const text = convert(own.map((piece) => piece.text).join(joiner));
      const start = own[0]!.start;
      const end = own.at(-1)!.end;
      // An English passage is its own English rendering; a Chinese one has none (nobody translated it).
      const isEnglish = english(text);
      chunks.push({
        id: chunkId,
        sectionId: section.id,
        title: section.title,
        path,
        text,
        en: isEnglish ? text : "",
        raw: file.content.slice(start, end),
        start,
        end,
        source: id,
      });
      section.chunkIds.push(chunkId);
      sentences[chunkId] = own.map((piece) => ({ text: convert(piece.text), en: isEnglish ? piece.text : "" }));
      langs.add(isEnglish ? "en" : "zh");
    });
  }
  const lang = langs.size === 1 ? ([...langs][0] as "en" | "zh") : "mixed";
  const info: PlaybookInfo = {
    id,
    file: file.name,
    title,
    lang,
    sections: sections.length,
    chunks: chunks.length,
    droppedLines: dropped,
  };
  return { info, sections: sections.map((section) => ({ ...section, source: id })), chunks, sentences };
}

function lineOf(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

/** Offsets of each piece in the joined text, which is all chunk packing needs. */
function positions(pieces: readonly Piece[], joiner: string): Array<{ start: number; end: number }> {
  let cursor = 0;
  return pieces.map((piece) => {
    const unit = { start: cursor, end: cursor + piece.text.length };
    cursor = unit.end + joiner.length;
    return unit;
  });
}

function closeSections(sections: Section[]): void {
  for (const [index, section] of sections.entries()) {
    if (index === 0) continue;
    const next = sections.slice(index + 1).find((candidate) => candidate.level <= section.level);
    if (next) section.end = next.start;
  }
}

function pathOf(section: Section, sections: readonly Section[]): string[] {
  const byId = new Map(sections.map((candidate) => [candidate.id, candidate]));
  const path: string[] = [];
  for (
    let current: Section | undefined = section;
    current;
    current = current.parentId ? byId.get(current.parentId) : undefined
  ) {
    path.unshift(current.title);
  }
  return path;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const LIST_MARKER = /^[ \t]*(?:[-*+•]|\d{1,3}[.)、])[ \t]+/;
const QUOTE_MARKER = /^[ \t]*(?:>[ \t]?)+/;
const FENCE = /^[ \t]*(```|~~~)/;

/**
 * Reads the file line by line into blocks: a heading starts a block; paragraphs (lines up to a blank line)
 * and list items each give sentences. Markdown markup is dropped from the text but not from the spans.
 */
function readBlocks(content: string, markdown: boolean): Block[] {
  const blocks: Block[] = [{ pieces: [] }];
  let paragraph: Array<{ start: number; end: number }> = [];
  let fenced = false;
  const flush = () => {
    if (paragraph.length > 0) (blocks.at(-1) as Block).pieces.push(...sentencesOf(content, paragraph));
    paragraph = [];
  };
  for (const line of lines(content)) {
    const text = content.slice(line.start, line.end);
    if (markdown && FENCE.test(text)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) continue; // code samples are not prose to cite
    const heading = markdown ? HEADING.exec(text) : null;
    if (heading?.[2]) {
      flush();
      const titleStart = line.start + text.indexOf(heading[2]);
      blocks.push({
        heading: { level: heading[1]!.length, title: inline(heading[2]), line: text.trim() },
        pieces: [{ text: inline(heading[2]), start: titleStart, end: titleStart + heading[2].length }],
      });
      continue;
    }
    if (!text.trim() || (markdown && /^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/.test(text))) {
      flush();
      continue;
    }
    const marker = (markdown ? QUOTE_MARKER.exec(text)?.[0].length : 0) ?? 0;
    const list = LIST_MARKER.exec(text.slice(marker))?.[0].length ?? 0;
    if (list > 0) flush(); // each list item is its own paragraph
    paragraph.push({ start: line.start + marker + list, end: line.end });
  }
  flush();
  return blocks;
}

function* lines(content: string): Generator<{ start: number; end: number }> {
  let start = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= content.length) {
    const newline = content.indexOf("\n", start);
    const end = newline < 0 ? content.length : newline;
    yield { start, end: content[end - 1] === "\r" ? end - 1 : end };
    if (newline < 0) return;
    start = newline + 1;
  }
}

// An ASCII semicolon stays inside its sentence: English uses it mid-sentence far more than Chinese does.
const SENTENCE_END = /[。！？!?；]+[」』”’)）]*|\.+[」』”’)）"']*(?=\s|$|\p{Script=Han})/gu;

// Chinese characters and full-width punctuation: a line break next to one is not a space.
const CJK_END = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u;
const CJK_START = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Splits a paragraph (its lines joined) into sentences, each with its span of the file. */
function sentencesOf(content: string, lineSpans: ReadonlyArray<{ start: number; end: number }>): Piece[] {
  // The joined text, and for every character of it the file offset it came from.
  let joined = "";
  const origin: number[] = [];
  for (const span of lineSpans) {
    const text = content.slice(span.start, span.end).trim();
    if (!text) continue;
    const offset = span.start + content.slice(span.start, span.end).indexOf(text);
    // Chinese wraps lines mid-sentence without a space; English needs one.
    if (joined && !(CJK_END.test(joined) || CJK_START.test(text))) {
      joined += " ";
      origin.push(offset);
    }
    for (let i = 0; i < text.length; i++) {
      joined += text[i];
      origin.push(offset + i);
    }
  }
  const pieces: Piece[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = joined.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) {
      const start = origin[from + lead] as number;
      pieces.push({ text: inline(trimmed), start, end: (origin[from + lead + trimmed.length - 1] as number) + 1 });
    }
    from = to;
  };
  for (const match of joined.matchAll(SENTENCE_END)) push((match.index ?? 0) + match[0].length);
  push(joined.length);
  return pieces;
}

/** Inline Markdown to plain text: links keep their words, emphasis and code marks go. */
function inline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__|`)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
