import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createApp } from "../src/app.js";
import { realAppDeps } from "../src/test-support/app-deps.js";
import { buildFromFiles, defaultPaths } from "../src/corpus/ingest.js";

/** `npm run bench`: prints a table of timings. Targets live here, not in unit tests. */
const ROUNDS = 500;

async function main(): Promise<void> {
  const paths = defaultPaths(fileURLToPath(new URL("..", import.meta.url)));
  const rows: string[][] = [];

  const builds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await buildFromFiles(paths);
    builds.push(performance.now() - started);
  }
  rows.push(["corpus build (5 runs)", ...stats(builds)]);

  const app = createApp(await realAppDeps({ version: "bench" }));
  const routes = ["/api/health", "/api/corpus/sections", "/api/corpus/chunks/4.5.4.2.2-01", "/api/corpus/chunks"];
  for (const route of routes) {
    rows.push([`in process GET ${route}`, ...stats(await time(ROUNDS, async () => (await app.request(route)).arrayBuffer()))]);
  }

  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  for (const route of routes) {
    const url = `http://127.0.0.1:${port}${route}`;
    rows.push([`HTTP GET ${route}`, ...stats(await time(ROUNDS, () => fetch(url).then((r) => r.arrayBuffer())))]);
  }
  server.close();

  const memory = process.memoryUsage();
  console.log(table([["measure", "n", "p50 ms", "p95 ms", "max ms"], ...rows]));
  console.log(`\nrss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB; node ${process.version}`);
}

async function time(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

function stats(samples: number[]): string[] {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return [String(samples.length), at(0.5).toFixed(3), at(0.95).toFixed(3), (sorted.at(-1) ?? 0).toFixed(3)];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
