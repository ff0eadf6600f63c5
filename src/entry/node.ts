import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { VERSION } from "../version.js";
import { nodeAppDeps } from "./node-deps.js";

/** The Node entry: environment → config → dependencies (corpus and index built on first start) → serve. */
async function main(): Promise<void> {
  const started = performance.now();
  (await import("./load-env.js")).loadEnvFile(process.env);
  const config = loadConfig(process.env);
  const app = createApp(await nodeAppDeps(config));
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
