import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { expectOk, inProcessClient } from "../api/client.js";
import { createApp } from "../app.js";
import { formatAdviceText } from "../coach/advice/format-text.js";
import { formatDrill, formatFabeText } from "../coach/fabe/format-text.js";
import { loadConfig } from "../config.js";
import { addPlaybook, removePlaybook } from "../corpus/add-playbook.js";
import { defaultPaths, ingest, loadOrIngest, syncEnglish } from "../corpus/ingest.js";
import { readEdgeData, writeEdgeAssets } from "../entry/edge-data.js";
import { nodeAppDeps, ROOT } from "../entry/node-deps.js";
import type { Lang } from "../retrieval/types.js";
import { CliError } from "./cli-error.js";

/** Where a command reads and writes: the process's own streams, or buffers in a test. */
export interface CliContext {
  env: Record<string, string | undefined>;
  /** Results: what `| jq` or a file should receive. */
  out: (text: string) => void;
  /** Prompts, progress and errors. */
  err: (text: string) => void;
  /** Pitches and role-play turns; `isTTY` decides between reading lines and reading everything piped. */
  input: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** The command line after parsing and validation (main.ts). */
export interface CliOptions {
  json: boolean;
  lang?: Lang;
  name?: string;
  replace: boolean;
  syncEnglish: boolean;
}

/** Runs one validated command; expected failures throw CliError. */
export async function runCommand(
  command: string,
  args: string[],
  options: CliOptions,
  context: CliContext,
): Promise<number> {
  switch (command) {
    case "ask":
      return ask(args.join(" ").trim(), options, context);
    case "drill":
      return drill(options, context);
    case "roleplay":
      return roleplay(args[0], options.lang, context);
    case "ingest":
      return options.syncEnglish ? runSyncEnglish(context) : runIngest(context);
    case "add-playbook":
      return addPlaybookCommand(args[0], options, context);
    case "remove-playbook":
      return removePlaybookCommand(args[0], context);
    case "playbooks":
      return listPlaybooks(context);
    default:
      throw CliError.usage(`unknown command "${command}"`);
  }
}

async function ask(scenario: string, options: CliOptions, context: CliContext): Promise<number> {
  if (!scenario) throw CliError.usage('ask needs a scenario, e.g. ask "my veteran rep has checked out"');
  const { deps, api } = await coach(context);
  const advice = await expectOk(api.advice.$post({ json: { scenario, lang: options.lang ?? "auto" } }));
  // The route also streams (SSE); a JSON request gets JSON, but the type says both.
  if (advice instanceof Response) throw new CliError("the advice arrived as a stream");
  context.out(options.json ? JSON.stringify(advice, null, 2) : formatAdviceText(advice, deps.advice.terminalWords));
  return 0;
}

/** Shows a practice prompt, reads a pitch (typed, or piped on standard input) and prints its scoring. */
async function drill(options: CliOptions, context: CliContext): Promise<number> {
  const { deps, api } = await coach(context);
  const drills = await expectOk(api.fabe.drills.$get({ query: options.lang ? { lang: options.lang } : {} }));
  const chosen = drills[Math.floor(Math.random() * drills.length)];
  if (!chosen) throw new CliError(`no drill in ${options.lang}`);
  context.err(formatDrill(chosen, chosen.productName ?? chosen.product));
  const prompt = chosen.lang === "en" ? "Your pitch (end with an empty line):" : "你的說法(空一行結束):";
  const pitch = await readPitch(prompt, context);
  if (!pitch.trim()) throw new CliError("no pitch given");
  const result = await expectOk(api.fabe.score.$post({ json: { pitch, product: chosen.product, lang: chosen.lang } }));
  context.out(options.json ? JSON.stringify(result, null, 2) : formatFabeText(result, deps.fabe.terminalWords));
  return 0;
}

/** A live role-play: each line is a turn; an empty line (or the session's end) gives the debrief. */
async function roleplay(personaId: string | undefined, lang: Lang | undefined, context: CliContext): Promise<number> {
  const { api } = await coach(context);
  const personas = await expectOk(api.roleplay.personas.$get());
  const ids = personas.map((persona) => persona.id).join(", ");
  if (!personaId) throw CliError.usage(`roleplay needs a persona: ${ids}`);
  const persona = personas.find((candidate) => candidate.id === personaId);
  if (!persona) throw CliError.usage(`no persona "${personaId}"; the personas are ${ids}`);
  const sessions = api.roleplay.sessions;
  const session = await expectOk(sessions.$post({ json: { persona: personaId, lang: lang ?? "auto" } }));
  const name = persona.name[lang ?? "zh-Hant"];
  context.out(`${name}: ${session.messages[0]?.text ?? ""}`);
  // No echo or line editing of our own: a terminal in its usual line mode does both.
  const lines = createInterface({ input: context.input, terminal: false });
  for await (const line of lines) {
    if (!line.trim()) break;
    const turn = await expectOk(sessions[":id"].messages.$post({ param: { id: session.id }, json: { text: line } }));
    context.out(`${name}: ${turn.reply.text}`);
    if (turn.hint) context.out(`  (hint: ${turn.hint.text} [${turn.hint.basis.join(", ")}])`);
    if (turn.state.ended) break;
  }
  lines.close();
  const result = await expectOk(sessions[":id"].debrief.$post({ param: { id: session.id } }));
  context.out(`\n${result.summary}  ${result.score}/100`);
  for (const criterion of result.criteria) {
    context.out(`  ${criterion.met ? "✓" : "✗"} ${criterion.name}${criterion.quote ? ` 「${criterion.quote}」` : ""}`);
    if (!criterion.met) context.out(`      ${criterion.advice} [${criterion.citations.join(", ")}]`);
  }
  return 0;
}

async function addPlaybookCommand(file: string | undefined, options: CliOptions, context: CliContext): Promise<number> {
  if (!file) throw CliError.usage("add-playbook needs a file, e.g. add-playbook ~/docs/raises.md");
  const info = await addPlaybook(playbookDir(), file, {
    ...(options.name ? { name: options.name } : {}),
    ...(options.replace ? { replace: true } : {}),
  });
  context.out(
    `added playbook ${info.id} "${info.title}" (${info.lang}): ${info.sections} sections, ${info.chunks} chunks`,
  );
  const dropped = info.droppedLines;
  if (dropped.length > 0) {
    const one = dropped.length === 1;
    context.out(
      `left out ${dropped.length} ${one ? "sentence" : "sentences"} that address an AI rather than a manager ` +
        `(line${one ? "" : "s"} ${dropped.join(", ")})`,
    );
  }
  return runIngest(context);
}

async function removePlaybookCommand(id: string | undefined, context: CliContext): Promise<number> {
  if (!id) throw CliError.usage("remove-playbook needs an id, e.g. remove-playbook pb-raises");
  const removed = await removePlaybook(playbookDir(), id).catch((error: unknown) => {
    if (error instanceof Error && error.message.startsWith("no playbook")) {
      throw new CliError(`${error.message}; \`npm run coach -- playbooks\` lists the added ones`);
    }
    throw error;
  });
  context.out(`removed ${removed.join(", ")}`);
  return runIngest(context);
}

async function listPlaybooks(context: CliContext): Promise<number> {
  const { corpus } = await loadOrIngest(defaultPaths(ROOT));
  if (corpus.playbooks.length === 0) context.out("no playbooks added (npm run coach -- add-playbook <file>)");
  for (const info of corpus.playbooks) {
    context.out(
      [info.id, info.lang, `${info.sections} sections`, `${info.chunks} chunks`, info.file, info.title].join("\t"),
    );
  }
  return 0;
}

async function runIngest(context: CliContext): Promise<number> {
  const paths = defaultPaths(ROOT);
  const { stats, playbooks } = await ingest(paths);
  // The Workers build imports the built corpus and this one file; it is rebuilt with the corpus.
  const edgeFile = join(dirname(paths.outputFile), "edge-data.json");
  await writeFile(edgeFile, JSON.stringify(await readEdgeData(ROOT)));
  // Swagger UI's browser build is served by Workers static assets (wrangler.toml [assets]), not from the Worker:
  // it is about half a megabyte of gzip the Worker's size limit does not have room for.
  await writeEdgeAssets(join(dirname(paths.outputFile), "edge-assets"), ROOT);
  const applied = stats.repairs.reduce((sum, repair) => sum + repair.applied, 0);
  context.out(
    [
      `sections ${stats.sections}, chunks ${stats.chunks}, coverage ${(stats.coverage * 100).toFixed(2)} %`,
      `chunk size (chars) min ${stats.chunkChars.min}, median ${stats.chunkChars.median}, max ${stats.chunkChars.max}`,
      `block markers removed ${stats.markersRemoved}, glyph fixes ${stats.glyphFixes}`,
      `repairs: ${stats.repairs.length} entries, ${applied} replacements`,
      `playbooks: ${playbooks.length}${playbooks.map((info) => `, ${info.id} (${info.chunks} chunks)`).join("")}`,
      `written to ${paths.outputFile} and ${edgeFile}`,
    ].join("\n"),
  );
  return 0;
}

async function runSyncEnglish(context: CliContext): Promise<number> {
  const { units, missing } = await syncEnglish(defaultPaths(ROOT));
  context.out(`English file synced: ${units} units, ${missing} without a translation`);
  return missing === 0 ? 0 : 1;
}

/**
 * The app in this process and a typed client over it: the terminal goes through the same routes, validation and
 * errors as the page. No request log: the terminal shows answers, not traffic.
 */
async function coach(context: CliContext) {
  // Nobody but this user is calling: no rate limit either.
  const config = { ...loadConfig(context.env), logRequests: false, rateLimitPerMinute: 0 };
  const deps = await nodeAppDeps(config, (line) => context.err(line));
  return { deps, api: inProcessClient(createApp(deps)).api };
}

async function readPitch(prompt: string, context: CliContext): Promise<string> {
  if (!context.input.isTTY) {
    // Whole buffers, decoded once: a character can straddle two chunks.
    const chunks: Buffer[] = [];
    for await (const chunk of context.input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString("utf8");
  }
  context.err(prompt);
  const lines: string[] = [];
  const reader = createInterface({ input: context.input, terminal: false });
  for await (const line of reader) {
    if (!line.trim()) break;
    lines.push(line);
  }
  reader.close();
  return lines.join("\n");
}

function playbookDir(): string {
  return defaultPaths(ROOT).playbookDir as string;
}
