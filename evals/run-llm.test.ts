import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenAIServer, startOpenAIServer } from "../test/support/openai-server.js";

/**
 * `npm run eval` with COACH_LLM_BASE_URL set runs the suites in llm mode: here against the local
 * OpenAI-compatible server, whose "{}" answers are invalid, so every model call must fall back.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "coach-eval-llm-"));
let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => {
  server.close();
  rmSync(out, { recursive: true, force: true });
});

describe("npm run eval in llm mode", () => {
  it("asks the configured provider and says so in the report", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "evals/run.ts", "--only", "fabe,safety", "--out", out],
      {
        cwd: root,
        env: { ...process.env, COACH_LLM_BASE_URL: server.url, COACH_LLM_MODEL: "local-test", OPENAI_API_KEY: "" },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" })); // a below-threshold run exits 1; the report is what is checked
    expect(stdout).toContain(`mode: llm (local-test at ${server.url})`);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as {
      mode: string;
      results: Array<{ suite: string }>;
    };
    expect(report.mode).toMatch(/^llm/);
    expect(report.results.map((result) => result.suite)).toEqual(["fabe", "safety"]);
    // Every blind FABE pitch (5 sets of 40) and every safety case went to the provider.
    expect(server.requests.length).toBeGreaterThan(200);
  }, 240_000);
});
