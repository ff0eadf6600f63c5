/** One heading of the outline file, in reading order. */
export interface OutlineEntry {
  id: string;
  /** The heading exactly as it stands in the source text (what the pipeline searches for). */
  heading: string;
  /** A reviewed title; when empty the title is the repaired heading without its numbering. */
  title?: string;
  titleEn: string;
}

/** A located heading: where it starts and ends in the body text, and where its content ends. */
export interface LocatedHeading extends OutlineEntry {
  level: number;
  parentId: string | null;
  headingStart: number;
  headingEnd: number;
  /** End of this section's own content: the start of the next heading of any level. */
  contentEnd: number;
}

export function parseOutline(tsv: string): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  const seen = new Set<string>();
  tsv.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("id\t")) return;
    const [id, heading, title, titleEn] = line.split("\t");
    if (!id || !heading || !titleEn) throw new Error(`outline line ${index + 1}: needs id, heading and titleEn`);
    if (!/^\d+(\.\d+)*$/.test(id)) throw new Error(`outline line ${index + 1}: bad id ${id}`);
    if (seen.has(id)) throw new Error(`outline line ${index + 1}: duplicate id ${id}`);
    seen.add(id);
    entries.push({ id, heading, ...(title ? { title } : {}), titleEn });
  });
  return entries;
}

/**
 * Finds each heading in order. Run-on text has no line breaks, so a heading counts only where it
 * starts right after the previous heading or after a space or punctuation: 「商務代表」 as a heading
 * is the one that stands alone, not the one inside a sentence, when there is one.
 */
export function locateHeadings(body: string, outline: readonly OutlineEntry[]): LocatedHeading[] {
  const located: LocatedHeading[] = [];
  let cursor = 0;
  for (const entry of outline) {
    const start = findHeading(body, entry.heading, cursor);
    if (start < 0) throw new Error(`heading ${entry.id} "${entry.heading}" not found after offset ${cursor}`);
    const parts = entry.id.split(".");
    const parentId = parts.length > 1 ? parts.slice(0, -1).join(".") : null;
    if (parentId && !located.some((heading) => heading.id === parentId)) {
      throw new Error(`heading ${entry.id} comes before its parent ${parentId}`);
    }
    located.push({
      ...entry,
      level: parts.length,
      parentId,
      headingStart: start,
      headingEnd: start + entry.heading.length,
      contentEnd: body.length,
    });
    cursor = start + entry.heading.length;
  }
  for (let i = 0; i < located.length - 1; i++) {
    (located[i] as LocatedHeading).contentEnd = (located[i + 1] as LocatedHeading).headingStart;
  }
  return located;
}

const BOUNDARY = /[\s。,,;;::!!??、)】」”]/;

function findHeading(body: string, heading: string, cursor: number): number {
  const skipped = body.slice(cursor).match(/^[\s::]*/)?.[0].length ?? 0;
  if (body.startsWith(heading, cursor + skipped)) return cursor + skipped;
  const first = body.indexOf(heading, cursor);
  let index = first;
  while (index >= 0) {
    if (index === 0 || BOUNDARY.test(body[index - 1] as string)) return index;
    index = body.indexOf(heading, index + 1);
  }
  // A few headings run straight on from the previous sentence ("H良好的習慣我們對商務代表…"):
  // with no free-standing occurrence, the first one is the heading.
  return first;
}
