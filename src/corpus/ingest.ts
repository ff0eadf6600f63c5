import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { packageRoot } from "../lib/package-root.js";
import { toTraditional } from "../lib/script.js";
import { type BuildResult, buildCorpus } from "./build.js";
import { formatEnglish } from "./english.js";
import { PLAYBOOK_EXTENSIONS, type PlaybookFile, type PlaybookPart, parsePlaybook } from "./playbook.js";
import { type SourceProfile, SourceProfileSchema } from "./source-profile.js";
import type { Corpus } from "./types.js";

export interface IngestPaths {
  corpusDir: string;
  profileFile: string;
  outputFile: string;
  /** Users' own playbooks, added with `npm run coach -- add-playbook`; null builds the handbook alone. */
  playbookDir: string | null;
}

/**
 * Where the corpus lives under a checkout. `playbooks: false` builds the handbook alone: what tests, evals and
 * benchmarks measure, so a user's added playbooks never move their figures.
 */
export function defaultPaths(root: string, options: { playbooks?: boolean } = {}): IngestPaths {
  const corpusDir = join(root, "corpus");
  return {
    corpusDir,
    profileFile: join(corpusDir, "handbook.source.json"),
    outputFile: join(corpusDir, "build", "handbook.json"),
    playbookDir: options.playbooks === false ? null : join(corpusDir, "playbooks"),
  };
}

interface InputFiles {
  profile: SourceProfile;
  seedBytes: Buffer;
  seed: string;
  outline: string;
  repairs: string;
  english: string;
  roles: string;
  playbooks: PlaybookFile[];
  version: string;
}

async function readInputs(paths: IngestPaths): Promise<InputFiles> {
  const profile = readProfile(paths.profileFile, await readFile(paths.profileFile, "utf8"));
  const read = (name: string) => readFile(join(paths.corpusDir, name), "utf8");
  const [seedBytes, outline, repairs, english, roles] = await Promise.all([
    readFile(join(paths.corpusDir, profile.files.seed)),
    read(profile.files.outline),
    read(profile.files.repairs),
    read(profile.files.english),
    profile.files.roles ? read(profile.files.roles) : Promise.resolve(""),
  ]);
  const seed = seedBytes.toString("utf8");
  const playbooks = await readPlaybooks(paths.playbookDir);
  // The pipeline's own code is an input too: a pulled change to the chunker must rebuild the corpus.
  const code = await pipelineCode();
  const version = fingerprint([
    ...code,
    JSON.stringify(profile),
    seed,
    outline,
    repairs,
    english,
    roles,
    ...playbooks.flatMap((file) => [file.name, file.content]),
  ]);
  return { profile, seedBytes, seed, outline, repairs, english, roles, playbooks, version };
}

/** Reads the shipped corpus files and builds the chunks (no writing). */
export async function buildFromFiles(paths: IngestPaths, requireEnglish = true): Promise<BuildResult> {
  const inputs = await readInputs(paths);
  const result = buildCorpus(
    { ...inputs, seedSha256: createHash("sha256").update(inputs.seedBytes).digest("hex") },
    { toTraditional, requireEnglish },
  );
  return {
    ...result,
    corpus: withPlaybooks(
      result.corpus,
      inputs.playbooks.map((file) => parsePlaybook(file, toTraditional)),
    ),
  };
}

/** Playbooks follow the handbook: their sections are extra roots of the tree, their chunks extra passages. */
function withPlaybooks(corpus: Corpus, parts: readonly PlaybookPart[]): Corpus {
  return {
    ...corpus,
    sections: [...corpus.sections, ...parts.flatMap((part) => part.sections)],
    chunks: [...corpus.chunks, ...parts.flatMap((part) => part.chunks)],
    sentences: Object.assign({}, corpus.sentences, ...parts.map((part) => part.sentences)) as Corpus["sentences"],
    playbooks: parts.map((part) => part.info),
  };
}

/** The playbook files in reading order (by name); other files in the folder are ignored. */
async function readPlaybooks(folder: string | null): Promise<PlaybookFile[]> {
  if (folder === null) return [];
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return []; // no folder: no playbooks
  }
  const files = names.filter((name) => PLAYBOOK_EXTENSIONS.some((extension) => name.endsWith(extension))).sort();
  return Promise.all(files.map(async (name) => ({ name, content: await readFile(join(folder, name), "utf8") })));
}

/** Builds and writes the corpus atomically (write to a temp file, then rename). */
export async function ingest(paths: IngestPaths): Promise<Corpus> {
  const { corpus } = await buildFromFiles(paths);
  await mkdir(dirname(paths.outputFile), { recursive: true });
  const temporary = `${paths.outputFile}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(corpus));
  await rename(temporary, paths.outputFile);
  return corpus;
}

/** Rewrites the English file in reading order with the current Chinese units, keeping every translation. */
export async function syncEnglish(paths: IngestPaths): Promise<{ units: number; missing: number }> {
  const result = await buildFromFiles(paths, false);
  const { profile } = await readInputs(paths);
  await writeFile(join(paths.corpusDir, profile.files.english), formatEnglish(result.englishSections));
  const units = result.englishSections.reduce((sum, section) => sum + section.units.length, 0);
  return { units, missing: result.missingEnglish.length };
}

/**
 * Loads the built corpus, rebuilding it first when it is missing or was built from other inputs
 * (a pulled repairs.tsv, an edited translation): `npm start` never serves a stale corpus.
 */
export async function loadOrIngest(paths: IngestPaths): Promise<{ corpus: Corpus; rebuilt: boolean }> {
  const { version: current } = await readInputs(paths);
  try {
    const corpus = JSON.parse(await readFile(paths.outputFile, "utf8")) as Corpus;
    if (corpus.version === current) return { corpus, rebuilt: false };
  } catch {
    // Missing or unreadable: rebuild below.
  }
  return { corpus: await ingest(paths), rebuilt: true };
}

/** The source profile, or an error naming the file and what is wrong in it (one line, for the terminal). */
function readProfile(file: string, text: string): SourceProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = SourceProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`${file}: ${issues.join("; ")}`);
  }
  return parsed.data;
}

async function pipelineCode(): Promise<string[]> {
  // From the checkout, not from this module's folder: a bundle in dist/ has no .ts files beside it.
  const folder = join(packageRoot(import.meta.url), "src", "corpus");
  const names = (await readdir(folder)).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts")).sort();
  return Promise.all(names.map((name) => readFile(join(folder, name), "utf8")));
}

function fingerprint(parts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("hex").slice(0, 16);
}
