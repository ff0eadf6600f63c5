import type Database from "better-sqlite3";
import type { D1Like } from "../../src/coach/roleplay/d1-store.js";

/**
 * The D1 surface drizzle's D1 driver uses, over a real SQLite connection: statements run for real, and a batch
 * is one transaction that rolls back whole on an error, as D1 runs it. For testing the D1 store's logic in Node;
 * the real D1 (workerd's) is exercised by the contract suite against `wrangler dev`.
 */
export function d1OverSqlite(sqlite: Database.Database): D1Like {
  const statement = (sql: string, values: unknown[] = []) => {
    const run = () => {
      const prepared = sqlite.prepare(sql);
      if (prepared.reader) return { results: prepared.all(...values), meta: { changes: 0 } };
      return { results: [], meta: { changes: prepared.run(...values).changes } };
    };
    return {
      bind: (...bound: unknown[]) => statement(sql, bound),
      all: async <T>() => run() as { results: T[] },
      first: async <T>() => (run().results[0] ?? null) as T | null,
      raw: async <T>() =>
        sqlite
          .prepare(sql)
          .raw(true)
          .all(...values) as T[],
      run: async () => run(),
      execute: run,
    };
  };
  return {
    prepare: (sql) => statement(sql),
    batch: async (statements) =>
      sqlite.transaction(() => statements.map((bound) => (bound as ReturnType<typeof statement>).execute()))(),
  };
}
