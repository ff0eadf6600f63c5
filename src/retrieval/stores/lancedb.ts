import * as lancedb from "@lancedb/lancedb";
import type { Chunk } from "../../corpus/types.js";
import { bigrams, englishTokens } from "../tokenize.js";
import type { Ranked, Store } from "../types.js";

const MAX_TERMS = 32;

export interface LanceStoreOptions {
  /** A folder (embedded) or an object-store URI (`s3://…`) for many stateless instances. */
  uri: string;
  chunks: readonly Chunk[];
  /** Names the embedder and the corpus version: a table per key, so switching never mixes vectors. */
  indexKey: string;
  /** Called only when the table for this key does not exist yet. */
  embed: () => Promise<Float32Array[]>;
}

/**
 * The Node store: one LanceDB table of chunks with FTS over the Chinese text (ngram 2–2, the only
 * built-in tokenizer that works on Chinese offline), FTS over the English rendering (stemmed), and a
 * vector column. Built at startup when missing, never on a request.
 */
export class LanceStore implements Store {
  readonly name = "lancedb";

  private constructor(
    private readonly table: lancedb.Table,
    readonly tableName: string,
    readonly built: boolean,
  ) {}

  static async open(options: LanceStoreOptions): Promise<LanceStore> {
    const db = await lancedb.connect(options.uri);
    const tableName = `chunks_${options.indexKey.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const existing = await db.tableNames();
    if (existing.includes(tableName)) {
      const table = await db.openTable(tableName);
      if ((await table.countRows()) === options.chunks.length) return new LanceStore(table, tableName, false);
      await db.dropTable(tableName); // a half-built table from an interrupted start
    }
    const vectors = await options.embed();
    const rows = options.chunks.map((chunk, index) => ({
      id: chunk.id,
      text: chunk.text,
      en: chunk.en,
      vector: Array.from(vectors[index] as Float32Array),
    }));
    const table = await db.createTable(tableName, rows, { mode: "overwrite" });
    await table.createIndex("text", {
      config: lancedb.Index.fts({ baseTokenizer: "ngram", ngramMinLength: 2, ngramMaxLength: 2, prefixOnly: false, withPosition: true }),
    });
    await table.createIndex("en", {
      config: lancedb.Index.fts({ baseTokenizer: "simple", lowercase: true, stem: true, removeStopWords: true, language: "English" }),
    });
    return new LanceStore(table, tableName, true);
  }

  async searchChinese(query: string, limit: number): Promise<Ranked[]> {
    if (bigrams(query).length === 0) return [];
    return this.fullText(query, "text", limit);
  }

  async searchEnglish(query: string, limit: number): Promise<Ranked[]> {
    const words = [...new Set(query.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [])];
    if (englishTokens(words.join(" ")).length === 0) return [];
    return this.fullText(words.slice(0, MAX_TERMS).join(" "), "en", limit);
  }

  async searchVector(vector: Float32Array, limit: number): Promise<Ranked[]> {
    const rows = await this.table
      .query()
      .nearestTo(Array.from(vector))
      .distanceType("cosine")
      .bypassVectorIndex() // a hundred rows: an exact scan, no ANN index to build or tune
      .select(["id", "_distance"])
      .limit(limit)
      .toArray();
    return rows.map((row: { id: string; _distance: number }) => ({ id: row.id, score: 1 - row._distance }));
  }

  private async fullText(query: string, column: "text" | "en", limit: number): Promise<Ranked[]> {
    const rows = await this.table.query().fullTextSearch(query, { columns: column }).select(["id", "_score"]).limit(limit).toArray();
    return rows.map((row: { id: string; _score: number }) => ({ id: row.id, score: row._score }));
  }
}
