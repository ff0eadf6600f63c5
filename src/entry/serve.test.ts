import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "coach-serve-"));
const playbooksDir = mkdtempSync(join(tmpdir(), "coach-serve-playbooks-"));
const children: ChildProcess[] = [];

afterAll(async () => {
  await Promise.all(children.map((child) => stop(child)));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(playbooksDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** The real Node entry with a temp data dir and playbook folder; `ready` says when to stop waiting. */
function start(env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", COACH_DATA_DIR: dataDir, COACH_PLAYBOOKS_DIR: playbooksDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      if (ready.test(output)) resolve({ child, output: () => output, exited });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => (ready.test(output) ? undefined : reject(new Error(`exited ${code}: ${output}`))));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the Node server", () => {
  it("refuses a busy port with one line and exit code 1, and swaps in added playbooks while running", async () => {
    const first = await start({ PORT: "0" }, /on http:\/\/localhost:(\d+)/);
    const port = /on http:\/\/localhost:(\d+)/.exec(first.output())?.[1] as string;
    const url = `http://127.0.0.1:${port}`;

    const second = await start({ PORT: port }, /in use/);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`port ${port} is in use: another sales-coach may be running; set PORT=`);
    expect(second.output()).not.toMatch(/\n\s+at /); // no stack trace

    const health = async () => (await (await fetch(`${url}/api/health`)).json()) as { corpus: { chunks: number } };
    const before = (await health()).corpus.chunks;
    cpSync(join(root, "evals", "fixtures", "playbooks", "field-notes.md"), join(playbooksDir, "field-notes.md"));
    const after = await until(health, (body) => body.corpus.chunks > before, 30_000);
    expect(after.corpus.chunks).toBeGreaterThan(before);
    expect(first.output()).toMatch(/playbooks changed: now serving \d+ chunks/);
    // The playbook's passages are served, not only counted.
    const chunks = (await (await fetch(`${url}/api/corpus/chunks`)).json()) as Array<{ text: string }>;
    expect(chunks.some((chunk) => chunk.text.includes("加薪前先看他最近兩個季度的業績"))).toBe(true);
  }, 90_000);
});
