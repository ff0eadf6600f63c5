import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { temporaryFolder } from "../evals/temporary-folder.js";
import { createApp } from "../src/app.js";
import { CorpusIndex } from "../src/corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../src/corpus/ingest.js";
import { toTraditional } from "../src/lib/script.js";
import { createRetriever, openMemoryStore } from "../src/retrieval/create-retriever.js";
import { readLexiconFiles } from "../src/retrieval/lexicon-files.js";
import type { Retriever } from "../src/retrieval/retriever.js";
import { LanceStore } from "../src/retrieval/stores/lancedb.js";
import { realAppDeps } from "../test/support/app-deps.js";
import { adviceLoad } from "./advice-load.js";
import { coldStart, rssMiB, startServer, stopServer } from "./node-server.js";
import { progressTimings, RECORDS, USERS } from "./progress-bench.js";
import { promptTokens } from "./prompt-tokens.js";

/**
 * `npm run bench`: prints a table of timings, then the targets, and exits 1 naming each one missed.
 * Targets live here, not in unit tests. The server rows run the compiled server as `npm start` runs it.
 */
const ROUNDS = 300;

async function main(): Promise<void> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const paths = defaultPaths(root, { playbooks: false });
  const rows: string[][] = [];

  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await buildFromFiles(paths);
    builds.push(performance.now() - started);
  }
  rows.push(["corpus build", ...stats(builds)]);

  const { corpus } = await buildFromFiles(paths);
  const index = new CorpusIndex(corpus);
  const lexicon = await readLexiconFiles(paths.corpusDir);
  const folder = temporaryFolder("coach-bench-"); // removed at exit, even when a step throws
  const indexBuilds: number[] = [];
  let retriever: Retriever | undefined;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    retriever = await createRetriever({
      corpus: index,
      lexicon,
      toTraditional,
      openStore: (request) => LanceStore.open({ uri: join(folder, String(i)), ...request }),
    });
    indexBuilds.push(performance.now() - started);
  }
  rows.push(["retrieval stack + LanceDB index build", ...stats(indexBuilds)]);

  const app = createApp(
    await realAppDeps({
      openStore: (request) => LanceStore.open({ uri: join(folder, "app"), ...request }),
      sessionsFile: join(folder, "sessions.db"),
    }),
  );
  // Queries of every kind from the eval file: a bench that repeats one query would measure a cache.
  const queries = readFileSync(new URL("../evals/retrieval.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { query: string }).query);
  let next = 0;
  const body = () => JSON.stringify({ query: queries[next++ % queries.length], k: 5 });
  const scenarios = readFileSync(new URL("../evals/advice.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { scenario: string }).scenario);
  let nextScenario = 0;
  const adviceBody = () => JSON.stringify({ scenario: scenarios[nextScenario++ % scenarios.length] });

  rows.push([
    "in process retrieve (LanceDB)",
    ...stats(await time(ROUNDS, () => retriever!.retrieve(queries[next++ % queries.length] as string))),
  ]);
  // The same pipeline on the in-memory store (the Workers store): what the three LanceDB searches cost.
  const memoryRetriever = await createRetriever({ corpus: index, lexicon, toTraditional, openStore: openMemoryStore });
  rows.push([
    "in process retrieve (memory store)",
    ...stats(await time(ROUNDS, () => memoryRetriever.retrieve(queries[next++ % queries.length] as string))),
  ]);
  const routes: Array<[string, () => Promise<unknown>]> = [
    ["in process GET /api/health", async () => (await app.request("/api/health")).arrayBuffer()],
    ["in process POST /api/retrieve", async () => (await app.request("/api/retrieve", post(body()))).arrayBuffer()],
  ];
  for (const [name, run] of routes) rows.push([name, ...stats(await time(ROUNDS, run))]);

  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const health = await time(ROUNDS, async () => (await fetch(`${base}/api/health`)).arrayBuffer());
  const retrieve = await time(ROUNDS, async () => (await fetch(`${base}/api/retrieve`, post(body()))).arrayBuffer());
  const adviceTimes = await time(ROUNDS, async () =>
    (await fetch(`${base}/api/advice`, post(adviceBody()))).arrayBuffer(),
  );
  // Pitches as reps write them: the training writers' (every writer's style, two lines to sixteen sentences), taken
  // at an even stride so that every writer is in the sample, in a fixed order.
  const writers = new URL("../evals/fabe/writers/", import.meta.url);
  const pitches = readdirSync(writers)
    .filter((name) => /^\d+\.jsonl$/.test(name))
    .sort()
    .flatMap((name) =>
      readFileSync(new URL(name, writers), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { pitch: string }).pitch),
    );
  const stride = Math.max(1, Math.floor(pitches.length / ROUNDS));
  let nextPitch = 0;
  const fabeTimes = await time(ROUNDS, async () => {
    const pitch = pitches[(nextPitch++ * stride) % pitches.length];
    return (await fetch(`${base}/api/fabe/score`, post(JSON.stringify({ pitch })))).arrayBuffer();
  });
  // Conversations as the tuning chat writers wrote them: a first message, then its follow-up, in a new conversation
  // every two turns, so half the timings are follow-ups read with the turn before.
  const chatTurns = readdirSync(new URL("../evals/chat/writers/", import.meta.url))
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .flatMap((name) =>
      readFileSync(new URL(`../evals/chat/writers/${name}`, import.meta.url), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { turns: Array<{ text: string }> }).turns.map((turn) => turn.text)),
    );
  let conversationId = "";
  let nextChatTurn = 0;
  const conversationTimes = await time(ROUNDS, async () => {
    const [first, second] = chatTurns[Math.floor(nextChatTurn / 2) % chatTurns.length] as string[];
    const followUp = nextChatTurn++ % 2 === 1;
    if (!followUp) {
      const created = await fetch(`${base}/api/conversations`, post("{}"));
      conversationId = ((await created.json()) as { id: string }).id;
    }
    const started = performance.now();
    const text = followUp ? second : first;
    await (
      await fetch(`${base}/api/conversations/${conversationId}/messages`, post(JSON.stringify({ text })))
    ).arrayBuffer();
    return performance.now() - started;
  });
  rows.push(
    ["HTTP GET /api/health", ...stats(health)],
    ["HTTP POST /api/retrieve", ...stats(retrieve)],
    ["HTTP POST /api/advice (offline)", ...stats(adviceTimes)],
    ["HTTP POST /api/fabe/score (offline)", ...stats(fabeTimes)],
    ["HTTP POST /api/conversations/:id/messages (offline)", ...stats(conversationTimes)],
  );
  server.close();

  const turnTexts = [
    "老張,最近怎麼樣?我想聽聽你的想法。",
    "我理解你的壓力,辛苦了。",
    "Tell me what's going on with your accounts.",
    "我們一起規劃你的目標吧。",
    "嗯",
  ];
  let sessionId = "";
  let nextTurn = 0;
  const server2 = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server2.once("listening", resolve));
  const base2 = `http://127.0.0.1:${(server2.address() as AddressInfo).port}`;
  const newSession = async () => {
    const response = await fetch(
      `${base2}/api/roleplay/sessions`,
      post(JSON.stringify({ persona: "passive-veteran", lang: "auto" })),
    );
    sessionId = ((await response.json()) as { id: string }).id;
  };
  await newSession();
  const turnTimes = await time(ROUNDS, async () => {
    const response = await fetch(
      `${base2}/api/roleplay/sessions/${sessionId}/messages`,
      post(JSON.stringify({ text: turnTexts[nextTurn++ % turnTexts.length] })),
    );
    const body = (await response.json()) as { state?: { ended: string | null } };
    if (response.status !== 200 || body.state?.ended) await newSession();
  });
  server2.close();
  rows.push(["HTTP POST role-play turn (offline, SQLite)", ...stats(turnTimes)]);

  const progress = await progressTimings(folder, time, ROUNDS);
  rows.push(
    [`HTTP GET /api/team/progress (${RECORDS} records, ${USERS} reps)`, ...stats(progress.team)],
    [`HTTP GET /api/progress (${RECORDS} records, ${USERS} reps)`, ...stats(progress.mine)],
  );

  // The compiled Node server, spawned as `npm start` runs it: first start on an empty data folder (builds the
  // LanceDB index), then restarts with the index present.
  const dataDir = temporaryFolder("coach-bench-start-");
  const firstStart = [await coldStart({ COACH_DATA_DIR: dataDir })];
  const restarts: number[] = [];
  for (let i = 0; i < 3; i++) restarts.push(await coldStart({ COACH_DATA_DIR: dataDir }));
  rows.push(
    ["Node server start to first health (no index yet)", ...stats(firstStart)],
    ["Node server start to first health (index present)", ...stats(restarts)],
  );
  const turnP95 = percentile(turnTimes, 0.95);
  const tokens = promptTokens();
  const tokenRows = Object.entries(tokens).map(([capability, counts]) => {
    const sorted = [...counts].sort((a, b) => a - b);
    const at = (q: number) => String(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return [
      `llm prompt tokens: ${capability} (recorded requests)`,
      String(counts.length),
      at(0.5),
      at(0.95),
      String(sorted.at(-1) ?? 0),
    ];
  });
  const memory = process.memoryUsage();
  console.log(table([["measure", "n", "p50 ms", "p95 ms", "max ms"], ...rows]));
  console.log(`\n${table([["prompt (o200k_base tokens)", "n", "p50", "p95", "max"], ...tokenRows])}`);
  console.log(
    `\nbench process: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB; node ${process.version}`,
  );

  const { idle, afterLoad } = await serverMemory(dataDir);
  const targets: Target[] = [
    { name: "/api/advice (offline) p95 over HTTP", unit: "ms", measured: percentile(adviceTimes, 0.95), limit: 25 },
    { name: "/api/fabe/score (offline) p95 over HTTP", unit: "ms", measured: percentile(fabeTimes, 0.95), limit: 15 },
    {
      name: "/api/conversations/:id/messages (offline) p95 over HTTP",
      unit: "ms",
      measured: percentile(conversationTimes, 0.95),
      limit: 30,
    },
    {
      name: "role-play turn (offline) p95 over HTTP, a new session when one ends",
      unit: "ms",
      measured: turnP95,
      limit: 20,
    },
    {
      name: `/api/team/progress p95 over HTTP, ${RECORDS} records of ${USERS} reps`,
      unit: "ms",
      measured: percentile(progress.team, 0.95),
      limit: 50,
    },
    {
      name: `/api/progress p95 over HTTP, ${RECORDS} records of ${USERS} reps`,
      unit: "ms",
      measured: percentile(progress.mine, 0.95),
      limit: 20,
    },
    {
      name: "server start to first /api/health, index present (median of 3)",
      unit: "ms",
      measured: median(restarts),
      limit: 800,
    },
    {
      name: "advice prompt p95 (recorded requests, o200k_base)",
      unit: "tokens",
      measured: percentile(tokens.advice ?? [], 0.95),
      limit: 3000,
    },
    { name: "server RSS (all its processes) idle after start", unit: "MiB", measured: idle, limit: 150 },
    {
      name: `server RSS after ${LOAD_SECONDS} s of /api/advice at ${LOAD_CONNECTIONS} connections`,
      unit: "MiB",
      measured: afterLoad,
      limit: 300,
    },
  ];
  const cells = targets.map((target) => [
    target.name,
    `≤ ${target.limit} ${target.unit}`,
    `${target.measured.toFixed(target.unit === "ms" ? 2 : 0)} ${target.unit}`,
    target.measured <= target.limit ? "yes" : "NO",
  ]);
  console.log(`\n${table([["target", "limit", "measured", "met"], ...cells])}`);
  const missed = targets.filter((target) => target.measured > target.limit);
  for (const target of missed)
    console.error(
      `missed: ${target.name}: ${target.measured.toFixed(2)} ${target.unit} > ${target.limit} ${target.unit}`,
    );
  if (missed.length > 0) process.exitCode = 1;
}

const LOAD_SECONDS = 30;
const LOAD_CONNECTIONS = 64;

interface Target {
  name: string;
  unit: "ms" | "MiB" | "tokens";
  measured: number;
  limit: number;
}

/** The compiled server's resident memory 2 s after it answers, and after the advice load `npm run load` runs. */
async function serverMemory(dataDir: string): Promise<{ idle: number; afterLoad: number }> {
  const { child, url } = await startServer({ COACH_DATA_DIR: dataDir, COACH_RATE_LIMIT: "0" });
  try {
    await fetch(`${url}/api/health`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = rssMiB(child);
    const result = await adviceLoad(url, LOAD_SECONDS, LOAD_CONNECTIONS);
    if (result.errors + result.timeouts + result.non2xx > 0) throw new Error("the advice load had failed requests");
    return { idle, afterLoad: rssMiB(child) };
  } finally {
    await stopServer(child);
  }
}

function post(body: string): RequestInit {
  return { method: "POST", body, headers: { "content-type": "application/json" } };
}

/** Timings of `run`; a run that returns a number has timed itself (its set-up left out). */
async function time(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const timed = await run();
    samples.push(typeof timed === "number" ? timed : performance.now() - started);
  }
  return samples;
}

function median(samples: number[]): number {
  return percentile(samples, 0.5);
}

function percentile(samples: number[], q: number): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length * q)] ?? 0;
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
