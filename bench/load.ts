import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { adviceLoad } from "./advice-load.js";
import { rssMiB, startServer, stopServer } from "./node-server.js";

/**
 * `npm run load`: a bounded load test on loopback against the compiled Node server (LanceDB, SQLite), started
 * as `npm start` starts it, as a child process so its memory (all its processes) is measured alone: 30 s at 64 connections on /api/advice, then on
 * role-play (each connection creates a session and takes four turns in it, over and over). Prints one
 * table: requests/s, p50/p99 latency, errors and non-2xx answers, and the server's RSS before and after.
 */
const DURATION = Number(process.env.LOAD_SECONDS ?? 30);
const CONNECTIONS = 64;
const json = { "content-type": "application/json" };

const TURNS = [
  "老張,最近怎麼樣?",
  "我想請你來主持每週的部門會議。",
  "你的經驗對新人很重要。",
  "我們一起規劃你下半年的發展。",
];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "coach-load-"));
  // The rate limit is off: this measures capacity, and every connection comes from one address.
  const { child, url } = await startServer({ COACH_DATA_DIR: dataDir, COACH_RATE_LIMIT: "0" });
  try {
    const rows: string[][] = [];
    const before = rssMiB(child);
    const advice = await adviceLoad(url, DURATION, CONNECTIONS);
    rows.push(row("POST /api/advice (offline)", advice, before, rssMiB(child)));

    const beforeTurns = rssMiB(child);
    const roleplay = await run(`${url}`, [
      {
        method: "POST",
        path: "/api/roleplay/sessions",
        headers: json,
        body: JSON.stringify({ persona: "passive-veteran", lang: "zh-Hant" }),
        onResponse: (_status: number, body: string, context: Record<string, unknown>) => {
          context.id = (JSON.parse(body) as { id: string }).id;
        },
      },
      ...TURNS.map((text) => ({
        method: "POST",
        headers: json,
        body: JSON.stringify({ text }),
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => ({
          ...request,
          path: `/api/roleplay/sessions/${String(context.id)}/messages`,
        }),
      })),
    ]);
    rows.push(row("role-play: create + 4 turns (SQLite)", roleplay, beforeTurns, rssMiB(child)));

    console.log(
      table([
        [
          "route",
          "duration s",
          "connections",
          "requests",
          "req/s",
          "p50 ms",
          "p99 ms",
          "errors",
          "non-2xx",
          "rss before MiB",
          "rss after MiB",
        ],
        ...rows,
      ]),
    );
    const failed = [advice, roleplay].some((result) => result.errors > 0 || result.non2xx > 0 || result.timeouts > 0);
    if (failed) process.exitCode = 1;
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Result = autocannon.Result;

function run(url: string, requests: unknown[]): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: requests as autocannon.Request[] });
}

function row(name: string, result: Result, before: number, after: number): string[] {
  return [
    name,
    String(DURATION),
    String(CONNECTIONS),
    String(result.requests.total),
    result.requests.average.toFixed(0),
    String(result.latency.p50),
    String(result.latency.p99),
    String(result.errors + result.timeouts),
    String(result.non2xx),
    before.toFixed(0),
    after.toFixed(0),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [
    line(rows[0]!),
    `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
    ...rows.slice(1).map(line),
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
