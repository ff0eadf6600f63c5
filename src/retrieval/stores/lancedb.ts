import * as lancedb from "@lancedb/lancedb";
import type { Chunk } from "../../corpus/types.js";
import { KeywordIndex } from "../keyword-index.js";
import type { Ranked, Store } from "../types.js";
import { TaskQueue } from "./task-queue.js";

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
 * The Node store: one LanceDB table of chunks and their vectors (embedded folder or object store), built at
 * startup when missing, never on a request. Vector search runs in LanceDB; the keyword rankers are the
 * shared KeywordIndex (see keyword-index.ts for why not LanceDB's FTS), so both builds rank alike.
 */
export class LanceStore implements Store {
  readonly name = "lancedb";

  private readonly keywords: KeywordIndex;
  /** At most four searches at once per store: see task-queue.ts for the memory this bounds. */
  private readonly searches = new TaskQueue(4);

  private constructor(
    private readonly table: lancedb.Table,
    chunks: readonly Chunk[],
    readonly tableName: string,
    readonly built: boolean,
  ) {
    this.keywords = new KeywordIndex(chunks);
  }

  static async open(options: LanceStoreOptions): Promise<LanceStore> {
    const db = await lancedb.connect(options.uri);
    const tableName = `chunks_${options.indexKey.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const existing = await db.tableNames();
    if (existing.includes(tableName)) {
      const table = await db.openTable(tableName);
      if ((await table.countRows()) === options.chunks.length)
        return new LanceStore(table, options.chunks, tableName, false);
      await db.dropTable(tableName); // a half-built table from an interrupted start
    }
    const vectors = await options.embed();
    const rows = options.chunks.map((chunk, index) => ({
      id: chunk.id,
      text: chunk.text,
      en: chunk.en,
      vector: Array.from(vectors[index] as Float32Array),
    }));
    // "create", not "overwrite": the name is free (checked above), and overwrite logs a Rust WARN for a new dataset.
    const table = await db.createTable(tableName, rows, { mode: "create" });
    return new LanceStore(table, options.chunks, tableName, true);
  }

  async searchChinese(query: string, limit: number): Promise<Ranked[]> {
    return this.keywords.searchChinese(query, limit);
  }

  async searchEnglish(query: string, limit: number): Promise<Ranked[]> {
    return this.keywords.searchEnglish(query, limit);
  }

  async searchVector(vector: Float32Array, limit: number): Promise<Ranked[]> {
    const rows = await this.searches.run(() =>
      this.table
        .query()
        .nearestTo(Array.from(vector))
        .distanceType("cosine")
        .bypassVectorIndex() // a hundred rows: an exact scan, no ANN index to build or tune
        .select(["id", "_distance"])
        .limit(limit)
        .toArray(),
    );
    return rows.map((row: { id: string; _distance: number }) => ({ id: row.id, score: 1 - row._distance }));
  }
}
