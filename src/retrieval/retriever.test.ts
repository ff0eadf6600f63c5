import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusIndex } from "../corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../corpus/ingest.js";
import { toTraditional } from "../lib/script.js";
import { createRetriever, openMemoryStore } from "./create-retriever.js";
import { HandbookRetriever } from "./langchain.js";
import { readLexiconFiles } from "./lexicon-files.js";
import type { Retriever } from "./retriever.js";
import { LanceStore } from "./stores/lancedb.js";

const paths = defaultPaths(fileURLToPath(new URL("../..", import.meta.url)), { playbooks: false });
const folder = mkdtempSync(join(tmpdir(), "coach-retriever-"));
let lance: Retriever;
let memory: Retriever;
let lanceStore: LanceStore | undefined;

beforeAll(async () => {
  const { corpus } = await buildFromFiles(paths);
  const common = { corpus: new CorpusIndex(corpus), lexicon: await readLexiconFiles(paths.corpusDir), toTraditional };
  lance = await createRetriever({
    ...common,
    openStore: async (request) => (lanceStore = await LanceStore.open({ uri: folder, ...request })),
  });
  memory = await createRetriever({ ...common, openStore: openMemoryStore });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Queries worded the handbook's way: these must work whatever the tuning; the eval measures the hard ones.
const plain = [
  { query: "如何克服老員工的消極心態", section: "4.5.4.2.2" },
  { query: "月底集中出单怎么办", section: "4.7.1.5" },
  { query: "how to collect payment from customers", section: "4.7.1.6" },
  { query: "FABE法是什麼", section: "4.3.2.6" },
];

describe("Retriever", () => {
  for (const store of ["lancedb", "memory"] as const) {
    it(`finds handbook-worded queries in the top 3 (${store})`, async () => {
      const retriever = store === "lancedb" ? lance : memory;
      for (const { query, section } of plain) {
        const result = await retriever.retrieve(query, { k: 3 });
        expect(result.abstained, query).toBe(false);
        expect(
          result.results.map((chunk) => chunk.sectionId),
          query,
        ).toContain(section);
      }
    });
  }

  it("returns full chunks with their provenance and keeps k", async () => {
    const result = await memory.retrieve("新人太興奮了靜不下來", { k: 2 });
    expect(result.results).toHaveLength(2);
    for (const chunk of result.results) {
      expect(chunk.raw.length).toBeGreaterThan(0);
      expect(chunk.end).toBeGreaterThan(chunk.start);
      expect(chunk.score).toBeGreaterThan(0);
    }
  });

  it("abstains on a question the handbook does not cover", async () => {
    for (const retriever of [lance, memory]) {
      const result = await retriever.retrieve("紅燒肉怎麼做才好吃?", { k: 5 });
      expect(result.abstained).toBe(true);
      expect(result.results).toEqual([]);
    }
  });

  it("abstains on English questions that share only everyday words with the handbook", async () => {
    // Each of these knows a few of the handbook's English words ("best", "way", "set up"), none that carry it.
    for (const query of [
      "What is the capital of France?",
      "What is the best way to set up nginx as a reverse proxy?",
      "How do I bake sourdough bread at home?",
    ]) {
      expect((await memory.retrieve(query)).abstained, query).toBe(true);
    }
    // A question in the handbook's words, with a name and a slang word it does not know, is still answered.
    expect((await memory.retrieve("Dave, my top closer, keeps sandbagging his monthly targets")).abstained).toBe(false);
  });

  it("answers in the query's script", async () => {
    expect((await memory.retrieve("新人太兴奋了")).lang).toBe("zh-Hans");
    expect((await memory.retrieve("新人太興奮了")).lang).toBe("zh-Hant");
    expect((await memory.retrieve("my new hire is too excited")).lang).toBe("en");
  });

  it("builds the LanceDB index once per embedder and reuses it", async () => {
    expect(lanceStore?.built).toBe(true);
    const { corpus } = await buildFromFiles(paths);
    const again = await LanceStore.open({
      uri: folder,
      chunks: corpus.chunks,
      indexKey: lanceStore?.tableName.replace(/^chunks_/, "") ?? "",
      embed: async () => {
        throw new Error("must not re-embed an existing index");
      },
    });
    expect(again.built).toBe(false);
  });
});

describe("HandbookRetriever (LangChain)", () => {
  it("returns Documents carrying the citation", async () => {
    const retriever = new HandbookRetriever({ retriever: memory, k: 3 });
    const documents = await retriever.invoke("如何克服老員工的消極心態");
    expect(documents.length).toBe(3);
    expect(documents[0]?.metadata.id).toMatch(/^\d/);
    expect(documents[0]?.pageContent.length).toBeGreaterThan(20);
  });
});
