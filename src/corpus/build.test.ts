import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { toTraditional } from "../lib/script.js";
import type { BuildResult } from "./build.js";
import { parseEnglish } from "./english.js";
import { buildFromFiles, defaultPaths } from "./ingest.js";
import { parseRepairs } from "./repairs.js";
import type { Chunk, Corpus } from "./types.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const paths = defaultPaths(root, { playbooks: false });
const seed = readFileSync(`${paths.corpusDir}/handbook.seed.txt`, "utf8");
const repairs = parseRepairs(readFileSync(`${paths.corpusDir}/repairs.tsv`, "utf8"));

let result: BuildResult;
let corpus: Corpus;
let chunks: Chunk[];
beforeAll(async () => {
  result = await buildFromFiles(paths);
  corpus = result.corpus;
  chunks = corpus.chunks;
});

describe("the shipped seed", () => {
  it("is the file we were given, byte for byte", () => {
    const given = fileURLToPath(new URL("../../../shared/seeds/000_05c00580f6a37b81.txt", import.meta.url));
    let original: Buffer;
    try {
      original = readFileSync(given);
    } catch {
      return; // ../shared is not beside every clone; the hash below still pins the content.
    }
    expect(readFileSync(`${paths.corpusDir}/handbook.seed.txt`).equals(original)).toBe(true);
  });

  it("is pinned by its hash", () => {
    expect(corpus.source.seedSha256).toBe("4740261c16404573c92ea8a6db940c79f0e1561673b08c05a85a0409e78d7cae");
  });
});

describe("chunks", () => {
  it("each point at their exact source span", () => {
    expect(chunks.length).toBeGreaterThan(50);
    for (const chunk of chunks) expect(seed.slice(chunk.start, chunk.end), chunk.id).toBe(chunk.raw);
  });

  it("cover at least 98 % of the handbook's body text", () => {
    expect(corpus.stats.coverage).toBeGreaterThanOrEqual(0.98);
  });

  it("come in reading order with unique ids and never overlap", () => {
    const ids = new Set(chunks.map((chunk) => chunk.id));
    expect(ids.size).toBe(chunks.length);
    for (let i = 1; i < chunks.length; i++) {
      expect((chunks[i] as Chunk).start, (chunks[i] as Chunk).id).toBeGreaterThanOrEqual((chunks[i - 1] as Chunk).end);
    }
  });

  it("never cross a section boundary", () => {
    const headingStarts = corpus.sections.map((section) => section.start);
    for (const chunk of chunks) {
      const section = corpus.sections.find((candidate) => candidate.id === chunk.sectionId);
      expect(section, chunk.id).toBeDefined();
      expect(chunk.start).toBeGreaterThanOrEqual(section?.start ?? Infinity);
      for (const start of headingStarts) {
        expect(start > chunk.start && start < chunk.end, `${chunk.id} crosses a heading at ${start}`).toBe(false);
      }
    }
  });

  it("stay within the size bounds", () => {
    for (const chunk of chunks) expect(chunk.text.length, chunk.id).toBeLessThanOrEqual(420);
    expect(corpus.stats.chunkChars.median).toBeGreaterThanOrEqual(120);
  });

  it("keep no page boilerplate, table of contents or block marker", () => {
    const boilerplate = [
      "溫馨提示",
      "下載本文檔",
      "已閱讀",
      "繼續免費閱讀",
      "版權說明",
      "文檔簡介",
      "人人文庫",
      "提交評論",
      "0/150",
      "_第1頁",
      "目錄",
    ];
    for (const chunk of chunks) {
      for (const phrase of boilerplate) expect(chunk.text, chunk.id).not.toContain(phrase);
      expect(chunk.text, chunk.id).not.toMatch(/\n/);
    }
    // Each of the 60 markers "\n\nN、" is gone from the text, with the words it cut joined again.
    expect(corpus.stats.markersRemoved).toBe(60);
    const markers = [...seed.matchAll(/\n\n(\d+)、/g)].filter((match, index) => Number(match[1]) === index + 1);
    expect(markers.length).toBe(60);
    for (const marker of markers) {
      const after = seed.slice(marker.index + marker[0].length, marker.index + marker[0].length + 3);
      const holder = chunks.find((chunk) => chunk.start <= marker.index && marker.index < chunk.end);
      if (holder) expect(holder.text, holder.id).not.toContain(`${marker[1]}、${after}`);
    }
    const everything = chunks.map((chunk) => chunk.text).join("");
    // Words the block cuts split are whole again.
    for (const joined of [
      "通過培訓、會議",
      "團隊,沒有英雄的個人",
      "自己先去學習",
      "【18:00–19:00】",
      "【12:00–13:00】",
    ]) {
      expect(everything).toContain(joined);
    }
  });

  it("hold no unrepaired glyph, and time ranges read as ranges", () => {
    const everything = chunks.map((chunk) => chunk.text).join("");
    expect(everything).not.toMatch(/\?\?|傊|EvidenSFO/);
    expect(everything).toContain("。總之,只要找到問題所在");
    expect(everything).toContain("E(Evidence)證據");
    expect(everything).toContain("被客戶問住");
    expect(everything).not.toMatch(/【\d{2}:\d{2}\d{2}:\d{2}】/);
    expect(everything).toContain("【07:50–08:00】");
  });

  it("are in Traditional script: converting them again changes nothing", () => {
    const convert = toTraditional;
    for (const chunk of chunks) expect(convert(chunk.text), chunk.id).toBe(chunk.text);
  });

  it("contain none of the table's unguarded spun forms", () => {
    const convert = toTraditional;
    const unguarded = repairs.filter((repair) => !repair.guard);
    expect(unguarded.length).toBeGreaterThan(0);
    const everything = chunks.map((chunk) => chunk.text).join("\n");
    for (const repair of unguarded) {
      // The table is in the seed's script; the chunks were converted to Traditional after repair.
      for (const form of new Set([repair.spun, convert(repair.spun)])) {
        expect(everything.split(form).length - 1, `${form} (→ ${repair.original})`).toBe(0);
      }
    }
  });

  it("have English for every chunk, and the English file is in sync with the Chinese", () => {
    for (const chunk of chunks) expect(chunk.en.trim().length, chunk.id).toBeGreaterThan(0);
    expect(result.missingEnglish).toEqual([]);
    const file = parseEnglish(readFileSync(`${paths.corpusDir}/handbook.en.txt`, "utf8"));
    const stale = result.englishSections
      .flatMap((section) => section.units)
      .filter((unit) => file.get(unit.offset)?.zh !== unit.zh)
      .map((unit) => unit.offset);
    expect(stale, "run `npm run ingest -- --sync-english`").toEqual([]);
    const used = new Set(result.englishSections.flatMap((section) => section.units.map((unit) => unit.offset)));
    const orphaned = [...file.keys()].filter((offset) => !used.has(offset));
    expect(orphaned, "translations whose unit no longer exists").toEqual([]);
  });
});

describe("sections", () => {
  it("form a tree of at least 40 sections with Chinese and English titles", () => {
    expect(corpus.sections.length).toBeGreaterThanOrEqual(40);
    for (const section of corpus.sections) {
      expect(section.title.trim(), section.id).not.toBe("");
      expect(section.titleEn.trim(), section.id).not.toBe("");
      if (section.parentId) expect(corpus.sections.some((parent) => parent.id === section.parentId)).toBe(true);
    }
    expect(corpus.sections.filter((section) => section.level === 1).map((section) => section.title)).toEqual([
      "定位",
      "日常工作",
      "工作原則",
      "銷售管理方法",
    ]);
  });

  it("give the repeated 1.1 numbering stable ids of their own", () => {
    const byId = new Map(corpus.sections.map((section) => [section.id, section]));
    expect(byId.get("3.2.1")?.title).toBe("明確目標");
    expect(byId.get("3.3.1")?.title).toBe("指導");
    expect(byId.get("4.5.4.2.2")?.title).toBe("克服老員工的消極心態");
    expect(byId.get("3.2.1")?.heading).toBe("1.1 明確目標");
    expect(byId.get("3.3.1")?.heading).toBe("1.1 指導");
  });

  it("each own the chunks inside their span", () => {
    for (const chunk of chunks) {
      const section = corpus.sections.find((candidate) => candidate.id === chunk.sectionId);
      expect(section?.chunkIds).toContain(chunk.id);
      expect(chunk.end).toBeLessThanOrEqual(section?.end ?? 0);
      expect(chunk.path.at(-1)).toBe(section?.title);
    }
  });
});

describe("sentences", () => {
  it("split every chunk into verbatim sentences, each with English", () => {
    for (const chunk of chunks) {
      const sentences = corpus.sentences[chunk.id] ?? [];
      expect(sentences.length, chunk.id).toBeGreaterThan(0);
      let cursor = 0;
      for (const sentence of sentences) {
        const at = chunk.text.indexOf(sentence.text, cursor);
        expect(at, `${chunk.id}: ${sentence.text}`).toBeGreaterThanOrEqual(0);
        cursor = at + sentence.text.length;
        expect(sentence.en.length, chunk.id).toBeGreaterThan(0);
      }
    }
  });
});
