import { serve } from "@hono/node-server";
import { fileURLToPath } from "node:url";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import { defaultPaths, loadOrIngest } from "../corpus/ingest.js";
import { VERSION } from "../version.js";

/** The Node entry: environment → config → corpus (built on first start) → serve. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(process.env);
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const { corpus, rebuilt } = await loadOrIngest(defaultPaths(root));
  if (rebuilt) console.log(`corpus built: ${corpus.stats.sections} sections, ${corpus.stats.chunks} chunks`);

  const app = createApp({
    corpus: new CorpusIndex(corpus),
    mode: config.mode,
    version: VERSION,
    maxBodyBytes: config.maxBodyBytes,
    logError: (error, context) => console.error(`${context.method} ${context.path} failed:`, error),
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`sales-coach ${VERSION} (${config.mode} mode) on http://localhost:${info.port} after ${seconds}s`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
