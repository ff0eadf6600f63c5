import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { toTraditional } from "../lib/script.js";
import { PLAYBOOK_EXTENSIONS, PLAYBOOK_STEM, parsePlaybook } from "./playbook.js";
import type { PlaybookInfo } from "./types.js";

/** A playbook is prose to coach from, not a data dump: past this it is refused rather than slowly indexed. */
export const MAX_PLAYBOOK_BYTES = 1024 * 1024;

/**
 * Checks a user's file and copies it into the playbook folder under a safe name. Nothing is written unless
 * the file is valid UTF-8 text of an accepted type that yields at least one passage. The corpus is rebuilt
 * by the caller (or by the next `npm start`, which sees the changed inputs).
 */
export async function addPlaybook(
  playbookDir: string,
  file: string,
  options: { name?: string; replace?: boolean } = {},
): Promise<PlaybookInfo> {
  const extension = extname(file).toLowerCase();
  if (!(PLAYBOOK_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new Error(`${basename(file)}: a playbook must be Markdown (.md, .markdown) or plain text (.txt)`);
  }
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${basename(file)}: not a file`);
  const size = info.size;
  if (size > MAX_PLAYBOOK_BYTES)
    throw new Error(`${basename(file)}: ${size} bytes, over the ${MAX_PLAYBOOK_BYTES}-byte limit`);
  const bytes = await readFile(file);
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${basename(file)}: not valid UTF-8 text`);
  }
  if (content.includes("\u0000")) throw new Error(`${basename(file)}: binary content (NUL bytes)`);

  const stem = options.name ?? stemOf(basename(file, extname(file)), bytes);
  if (!PLAYBOOK_STEM.test(stem)) throw new Error(`--name "${stem}": use 1–48 lower-case letters, digits and dashes`);
  const existing = await filesOf(playbookDir, stem);
  if (existing.length > 0 && !options.replace)
    throw new Error(`playbook pb-${stem} already exists (${existing.join(", ")}); add --replace to overwrite it`);

  const name = `${stem}${extension === ".markdown" ? ".md" : extension}`;
  const part = parsePlaybook({ name, content }, toTraditional);
  if (part.chunks.length === 0) throw new Error(`${basename(file)}: no text to index`);

  await mkdir(playbookDir, { recursive: true });
  const temporary = join(playbookDir, `.${name}.${process.pid}.tmp`);
  await writeFile(temporary, bytes);
  await rename(temporary, join(playbookDir, name));
  for (const old of existing) if (old !== name) await unlink(join(playbookDir, old));
  return part.info;
}

/** Removes a playbook by id (`pb-onboarding`) or stem (`onboarding`); returns the files removed. */
export async function removePlaybook(playbookDir: string, id: string): Promise<string[]> {
  const stem = id.replace(/^pb-/, "");
  const files = PLAYBOOK_STEM.test(stem) ? await filesOf(playbookDir, stem) : [];
  if (files.length === 0) throw new Error(`no playbook "${id}"`);
  for (const name of files) await unlink(join(playbookDir, name));
  return files;
}

async function filesOf(playbookDir: string, stem: string): Promise<string[]> {
  const names = await readdir(playbookDir).catch(() => [] as string[]);
  return names.filter((name) => PLAYBOOK_EXTENSIONS.some((extension) => name === `${stem}${extension}`));
}

/** A file name made id-safe ("Onboarding Guide (v2).md" → "onboarding-guide-v2"); Chinese names get a hash. */
function stemOf(name: string, bytes: Buffer): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || `playbook-${createHash("sha256").update(bytes).digest("hex").slice(0, 8)}`;
}
