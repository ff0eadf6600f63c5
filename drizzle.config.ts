import { defineConfig } from "drizzle-kit";

// `npm run db:generate` diffs src/db/schema.ts against the last snapshot in migrations/meta and writes the
// next migrations/NNNN_*.sql, which wrangler (D1) and src/db/migrate-sqlite.ts (Node) both apply by file name.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
