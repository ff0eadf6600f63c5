import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvFileError, loadEnvFile } from "./load-env.js";

const work = mkdtempSync(join(tmpdir(), "coach-env-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function envFile(name: string, content: string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

describe("loadEnvFile", () => {
  it("sets what the file names and the environment does not; the environment wins", () => {
    const file = envFile(
      "precedence.env",
      "# comment\nPORT=9000\nexport COACH_LLM_MODEL=qwen-plus\nHOST='127.0.0.1'\n\n",
    );
    const env: Record<string, string | undefined> = { PORT: "0" };
    expect(loadEnvFile(env, file)).toEqual(["COACH_LLM_MODEL", "HOST"]);
    expect(env).toEqual({ PORT: "0", COACH_LLM_MODEL: "qwen-plus", HOST: "127.0.0.1" });
  });

  it("keeps a variable the environment sets to the empty string", () => {
    const env: Record<string, string | undefined> = { OPENAI_API_KEY: "" };
    loadEnvFile(env, envFile("empty.env", "OPENAI_API_KEY=sk-from-file\n"));
    expect(env.OPENAI_API_KEY).toBe("");
  });

  it("reads quoted values over several lines and JSON values", () => {
    const env: Record<string, string | undefined> = {};
    const tokens = '{"0123456789abcdef": {"user": "amy", "role": "rep", "team": "north"}}';
    loadEnvFile(env, envFile("quoted.env", `NOTE="first\nsecond"\nCOACH_TOKENS='${tokens}'\n`));
    expect(env.NOTE).toBe("first\nsecond");
    expect(JSON.parse(env.COACH_TOKENS as string)).toMatchObject({ "0123456789abcdef": { user: "amy" } });
  });

  it("does nothing without a file", () => {
    const env: Record<string, string | undefined> = {};
    expect(loadEnvFile(env, join(work, "absent.env"))).toEqual([]);
    expect(env).toEqual({});
  });

  it("names the file and line of a malformed entry, and sets nothing", () => {
    const file = envFile("bad.env", "PORT=9000\nCOACH_LLM_MODEL qwen\n");
    const env: Record<string, string | undefined> = {};
    expect(() => loadEnvFile(env, file)).toThrow(EnvFileError);
    expect(() => loadEnvFile(env, file)).toThrow(
      `${file}:2: expected KEY=value or a # comment, found "COACH_LLM_MODEL qwen"`,
    );
    expect(env).toEqual({});
  });

  it("refuses a quote that is never closed", () => {
    expect(() => loadEnvFile({}, envFile("open.env", 'NOTE="no end\nPORT=1\n'))).toThrow(/:1: .*never closed/);
  });

  it("reads the project's .env.example without setting anything: every line is a comment", () => {
    const env: Record<string, string | undefined> = {};
    expect(loadEnvFile(env, new URL("../../.env.example", import.meta.url).pathname)).toEqual([]);
    expect(env).toEqual({});
  });
});

describe(".env.example", () => {
  it("lists every variable config.ts reads, commented out", () => {
    const config = readFileSync(new URL("../config.ts", import.meta.url), "utf8");
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    const names = [...config.matchAll(/^\s{2}([A-Z][A-Z0-9_]+): z\b/gm)].map((match) => match[1]);
    expect(names.length).toBeGreaterThanOrEqual(12);
    for (const name of names) expect(example).toMatch(new RegExp(`^# ${name}=`, "m"));
    expect(example).not.toMatch(/^[A-Z]/m);
  });
});
