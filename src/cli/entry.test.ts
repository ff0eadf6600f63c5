import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The entries as a user starts them, as child processes: exit codes, streams and `.env` are theirs to get right.
const root = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "coach-entry-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TSX = join(root, "node_modules", "tsx", "dist", "esm", "index.mjs");
const BIN = join(root, "bin", "sales-coach.js");

/** Runs `node …args` in `cwd` (DEBUG and the variables under test removed: a set one would win over `.env`). */
function run(args: string[], options: { cwd?: string } = {}) {
  const { DEBUG, PORT, COACH_MAX_BODY_BYTES, ...env } = process.env;
  // A server that did start is stopped by the timeout: the tests expect it to fail fast.
  const result = spawnSync(process.execPath, args, {
    cwd: options.cwd ?? root,
    env,
    encoding: "utf8",
    timeout: 20_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr.trim() };
}

/** A folder holding only a `.env` with this content, to run an entry from. */
function folderWithEnv(name: string, content: string): string {
  const folder = join(work, name);
  mkdirSync(folder);
  writeFileSync(join(folder, ".env"), content);
  return folder;
}

describe("the sales-coach bin (npx sales-coach)", () => {
  it("prints the help on stdout with exit 0, from any folder", () => {
    const result = run([BIN, "--help"], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^usage:\n {2}npm run coach -- ask/);
  });

  it("exits 2 on an unknown command with one line and the hint", () => {
    const result = run([BIN, "frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err.split("\n")).toEqual([
      'unknown command "frobnicate"',
      "run `npm run coach -- help` for the commands and their options",
    ]);
  });

  it("reads .env from the folder it runs in", () => {
    const result = run([BIN, "ask", "x"], { cwd: folderWithEnv("cli-port", "PORT=not-a-port\n") });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Invalid environment:\n\s+PORT: /);
  });

  it("stops with one line on a malformed .env", () => {
    const cwd = folderWithEnv("cli-bad", "PORT 8787\n");
    const result = run([BIN, "help"], { cwd });
    expect(result.code).toBe(1);
    expect(result.err).toBe(`${join(cwd, ".env")}:1: expected KEY=value or a # comment, found "PORT 8787"`);
  });
});

describe("the Node server entry and .env", () => {
  it("reads .env from the folder it starts in", () => {
    const result = run(["--import", TSX, join(root, "src/entry/node.ts")], {
      cwd: folderWithEnv("node-env", "COACH_MAX_BODY_BYTES=5\n"),
    });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/COACH_MAX_BODY_BYTES/);
  });

  it("stops with one line on a malformed .env", () => {
    const cwd = folderWithEnv("node-bad", "COACH_LLM_MODEL='open\n");
    const result = run(["--import", TSX, join(root, "src/entry/node.ts")], { cwd });
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${join(cwd, ".env")}:1: expected KEY=value or a # comment, found "COACH_LLM_MODEL='open (the quote is never closed)"`,
    );
  });
});

describe("npm run eval", () => {
  it("names the suites on an unknown --only, in one line, exit 2", () => {
    const result = run(["--import", TSX, join(root, "evals/run.ts"), "--only", "nope"]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      "--only: no suite nope (suites: corpus, retrieval, advice, advice-quality, chat-quality, fabe, roleplay, moves, scripts, safety, llm-replay)",
    );
  });
});
