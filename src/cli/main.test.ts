import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "./main.js";

// One data folder for every test that builds the app, so the LanceDB index is built once and not in .data/.
const dataDir = mkdtempSync(join(tmpdir(), "coach-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI in process, as `npm run coach -- …argv` would, and captures both streams. */
async function coach(argv: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const input = Object.assign(Readable.from([Buffer.from(options.stdin ?? "")]), { isTTY: false });
  const code = await main(argv, {
    env: { COACH_DATA_DIR: dataDir, ...options.env },
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    input,
  });
  return { code, out: out.join("\n"), err: err.join("\n"), errLines: err.join("\n").split("\n") };
}

const HINT = "run `npm run coach -- help` for the commands and their options";

describe("coach help", () => {
  it.each([["--help"], ["-h"], ["help"]])("%s prints every command to stdout and exits 0", async (flag) => {
    const result = await coach([flag]);
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    for (const command of ["ask", "drill", "roleplay", "add-playbook", "remove-playbook", "playbooks", "ingest"]) {
      expect(result.out).toContain(`npm run coach -- ${command}`);
    }
  });

  it("help <command> and <command> --help print that command alone", async () => {
    for (const argv of [
      ["help", "add-playbook"],
      ["add-playbook", "--help"],
    ]) {
      const result = await coach(argv);
      expect(result.code).toBe(0);
      expect(result.out).toContain("add-playbook <file.md|file.txt> [--name <id>] [--replace]");
      expect(result.out).not.toContain("remove-playbook");
    }
  });

  it("no command prints the usage to stderr and exits 2", async () => {
    const result = await coach([]);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toContain("npm run coach -- ask");
  });
});

describe("coach usage errors: one line, the help hint, exit 2", () => {
  it.each([
    [["bogus"], 'unknown command "bogus"'],
    [["help", "bogus"], 'unknown command "bogus"'],
    [["ask", "--bogus", "x"], "unknown option --bogus"],
    [["ask", "--replace", "x"], "ask takes no --replace option"],
    [["ask"], "ask needs a scenario"],
    [["ask", "--lang", "fr", "x"], '--lang must be zh-Hant, zh-Hans or en, not "fr"'],
    [["drill", "--lang", "klingon"], '--lang must be zh-Hant, zh-Hans or en, not "klingon"'],
    [["drill", "--lang"], "--lang needs a value"],
    [["playbooks", "extra"], 'playbooks takes no arguments, not "extra"'],
    [["add-playbook"], "add-playbook needs a file"],
    [["remove-playbook"], "remove-playbook needs an id"],
  ])("%j", async (argv, message) => {
    const result = await coach(argv);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.errLines).toHaveLength(2);
    expect(result.errLines[0]).toContain(message);
    expect(result.errLines[1]).toBe(HINT);
  });
});

describe("coach expected failures: one line, no stack, exit 1", () => {
  it("a playbook file that is not there", async () => {
    const missing = join(dataDir, "nope.md");
    const result = await coach(["add-playbook", missing]);
    expect(result.code).toBe(1);
    expect(result.errLines).toEqual([`${missing}: no such file or directory`]);
  });

  it("a playbook that is a folder or of another type", async () => {
    const folder = join(dataDir, "folder.md");
    mkdirSync(folder);
    const result = await coach(["add-playbook", folder]);
    expect(result.code).toBe(1);
    expect(result.errLines).toEqual(["folder.md: not a file"]);
    const other = await coach(["add-playbook", join(dataDir, "notes.pdf")]);
    expect(other.errLines).toEqual(["notes.pdf: a playbook must be Markdown (.md, .markdown) or plain text (.txt)"]);
  });

  it("removing a playbook that was never added", async () => {
    const result = await coach(["remove-playbook", "pb-never-added"]);
    expect(result.code).toBe(1);
    expect(result.errLines).toEqual([
      'no playbook "pb-never-added"; `npm run coach -- playbooks` lists the added ones',
    ]);
  });

  it("an invalid environment names the variable; DEBUG=1 or --verbose adds the stack", async () => {
    const plain = await coach(["ask", "x"], { env: { PORT: "abc" } });
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/PORT/);
    expect(plain.err).not.toMatch(/\n\s+at /);
    for (const run of [
      coach(["ask", "x"], { env: { PORT: "abc", DEBUG: "1" } }),
      coach(["ask", "--verbose", "x"], { env: { PORT: "abc" } }),
    ]) {
      const debug = await run;
      expect(debug.code).toBe(1);
      expect(debug.err).toMatch(/PORT/);
      expect(debug.err).toMatch(/\n\s+at /);
    }
  });
});

describe("coach commands", () => {
  it("ask --json writes JSON alone to stdout (progress goes to stderr)", async () => {
    const result = await coach(["ask", "--json", "My new hire is excited but has not closed anything in two months."]);
    expect(result.code).toBe(0);
    const advice = JSON.parse(result.out) as { lang: string; mode: string; citations: unknown[] };
    expect(advice).toMatchObject({ lang: "en", mode: "offline" });
    expect(advice.citations.length).toBeGreaterThan(0);
  }, 60_000);

  it("roleplay with an unknown persona lists the personas and exits 2", async () => {
    const result = await coach(["roleplay", "nobody"]);
    expect(result.code).toBe(2);
    expect(result.errLines[0]).toMatch(/^no persona "nobody"; the personas are .*passive-veteran/);
    expect(result.errLines[1]).toBe(HINT);
  }, 60_000);

  it("drill scores a pitch piped on stdin", async () => {
    const pitch =
      "This CRM keeps every follow-up in one place, so you never lose a customer. Lvyuan cut churn from 15% to 9%.";
    const result = await coach(["drill", "--lang", "en", "--json"], { stdin: pitch });
    expect(result.code).toBe(0);
    const scored = JSON.parse(result.out) as { lang: string; score: number; sentences: unknown[] };
    expect(scored.lang).toBe("en");
    expect(scored.sentences.length).toBeGreaterThan(0);
    expect(scored.score).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("drill with nothing on stdin says so", async () => {
    const result = await coach(["drill", "--lang", "en"], { stdin: "" });
    expect(result.code).toBe(1);
    expect(result.errLines.at(-1)).toBe("no pitch given");
  }, 60_000);
});
