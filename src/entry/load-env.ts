import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";

/** A `.env` that cannot be read as one: the message names the file and the line. */
export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvFileError";
  }
}

// `KEY=value` or `export KEY=value`; Node's parser reads anything else as part of a key, silently.
const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/;

/**
 * Loads `file` (default `.env` in the working directory) into `env` when it exists, the way `dotenv` does:
 * a variable already in `env` wins over the file, so `PORT=0 npm start` still means port 0. Returns the
 * names it set. A missing file is not an error (the file is optional); a line that is not `KEY=value`, a
 * comment or part of a quoted multi-line value is an EnvFileError rather than a variable quietly lost.
 */
export function loadEnvFile(env: Record<string, string | undefined>, file = ".env"): string[] {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new EnvFileError(`${path}: cannot read it (${(error as Error).message})`);
  }
  const bad = firstBadLine(text);
  if (bad) throw new EnvFileError(`${path}:${bad.line}: expected KEY=value or a # comment, found "${bad.text}"`);
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}

function firstBadLine(text: string): { line: number; text: string } | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const match = ASSIGNMENT.exec(line);
    if (!match) return { line: index + 1, text: line.trim().slice(0, 60) };
    // A quoted value may run over several lines: skip to the line that closes it.
    const value = match[1] as string;
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && !value.slice(1).includes(quote)) {
      const end = lines.findIndex((next, at) => at > index && next.includes(quote));
      if (end === -1) return { line: index + 1, text: `${line.trim().slice(0, 60)} (the quote is never closed)` };
      index = end;
    }
  }
  return undefined;
}
