/**
 * The English rendering, kept as a reviewable text file aligned unit by unit:
 *
 *     ## 3.2.1 明確目標 | Setting a clear goal
 *     @1911 對一個團隊來說,共同的目標就是團結在一起的基礎。
 *     = For a team, a shared goal is what holds it together.
 *
 * `@N` is the seed offset where the unit starts: it never moves (the seed is fixed), so re-chunking
 * cannot orphan a translation, while re-segmenting makes the build name every unit left without one.
 * The Chinese after the offset is the repaired unit, there for the reviewer; `npm run ingest -- --sync-english`
 * rewrites it when repairs change.
 */
export interface EnglishUnit {
  offset: number;
  zh: string;
  en: string;
}

export function parseEnglish(text: string): Map<number, EnglishUnit> {
  const units = new Map<number, EnglishUnit>();
  let pending: { offset: number; zh: string } | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.startsWith("@")) {
      const match = /^@(\d+) ?(.*)$/.exec(line);
      if (!match) throw new Error(`english line ${index + 1}: bad unit line`);
      pending = { offset: Number(match[1]), zh: match[2] ?? "" };
    } else if (line === "=" || line.startsWith("= ")) {
      if (!pending) throw new Error(`english line ${index + 1}: translation without a unit`);
      const en = line.slice(2).trim();
      if (units.has(pending.offset)) throw new Error(`english line ${index + 1}: unit @${pending.offset} twice`);
      if (en) units.set(pending.offset, { ...pending, en });
      pending = undefined;
    }
  });
  return units;
}

export interface EnglishSection {
  id: string;
  title: string;
  titleEn: string;
  units: Array<{ offset: number; zh: string; en: string }>;
}

/** Writes the file back in reading order; used to sync the Chinese lines and to add new units. */
export function formatEnglish(sections: readonly EnglishSection[]): string {
  const lines = [
    "# English rendering of the 商務經理學習手冊, written for sales-coach.",
    "# One unit per source sentence: `@<seed offset> <repaired Chinese>` then `= <English>`.",
    "",
  ];
  for (const section of sections) {
    if (section.units.length === 0) continue;
    lines.push(`## ${section.id} ${section.title} | ${section.titleEn}`);
    for (const unit of section.units) lines.push(`@${unit.offset} ${unit.zh}`, `= ${unit.en}`);
    lines.push("");
  }
  return lines.join("\n");
}
