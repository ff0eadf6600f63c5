import { writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { formatDrill, formatFabeText } from "./coach/fabe/format-text.js";
import { formatAdviceText } from "./coach/advice/format-text.js";
import { loadConfig } from "./config.js";
import { addPlaybook, removePlaybook } from "./corpus/add-playbook.js";
import { defaultPaths, ingest, loadOrIngest, syncEnglish } from "./corpus/ingest.js";
import { readEdgeData } from "./entry/edge-data.js";
import { nodeAppDeps, ROOT } from "./entry/node-deps.js";
import type { Lang } from "./retrieval/types.js";

const USAGE = `usage:
  npm run coach -- ask "<scenario>" [--json] [--lang zh-Hant|zh-Hans|en]
  npm run coach -- drill [--lang zh-Hant|zh-Hans|en] [--json]   (shows a drill, reads your pitch, scores it)
  npm run coach -- roleplay <persona> [--lang zh-Hant|zh-Hans|en]   (a live session; an empty line ends it with the debrief)
  npm run coach -- add-playbook <file.md|file.txt> [--name <id>] [--replace]   (adds your own playbook to the corpus)
  npm run coach -- remove-playbook <id>
  npm run coach -- playbooks
  npm run ingest [-- --sync-english]`;

/** Terminal commands: `ask` prints grounded advice; `ingest` builds the corpus. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      lang: { type: "string" },
      "sync-english": { type: "boolean" },
      name: { type: "string" },
      replace: { type: "boolean" },
    },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case "ask": {
      const scenario = rest.join(" ").trim();
      if (!scenario) {
        console.error(USAGE);
        return 2;
      }
      const lang = values.lang as Lang | undefined;
      if (lang && !["zh-Hant", "zh-Hans", "en"].includes(lang)) {
        console.error(`--lang must be zh-Hant, zh-Hans or en, not ${lang}`);
        return 2;
      }
      const deps = await nodeAppDeps(loadConfig(process.env), (line) => console.error(line));
      const advice = await deps.advice.advise(scenario, lang);
      console.log(values.json ? JSON.stringify(advice, null, 2) : formatAdviceText(advice, deps.advice.terminalWords));
      return 0;
    }
    case "drill":
      return runDrill(values.lang as Lang | undefined, Boolean(values.json));
    case "roleplay":
      return runRoleplay(rest[0], values.lang as Lang | undefined);
    case "ingest":
      return values["sync-english"] ? runSyncEnglish() : runIngest();
    case "add-playbook": {
      if (!rest[0]) {
        console.error(USAGE);
        return 2;
      }
      const info = await addPlaybook(playbookDir(), rest[0], {
        ...(values.name ? { name: values.name } : {}),
        ...(values.replace ? { replace: true } : {}),
      });
      console.log(`added playbook ${info.id} "${info.title}" (${info.lang}): ${info.sections} sections, ${info.chunks} chunks`);
      if (info.droppedLines.length > 0) {
        const count = info.droppedLines.length;
        console.log(`left out ${count} ${count === 1 ? "sentence" : "sentences"} that address an AI rather than a manager (line${count === 1 ? "" : "s"} ${info.droppedLines.join(", ")})`);
      }
      return runIngest();
    }
    case "remove-playbook": {
      if (!rest[0]) {
        console.error(USAGE);
        return 2;
      }
      const removed = await removePlaybook(playbookDir(), rest[0]);
      console.log(`removed ${removed.join(", ")}`);
      return runIngest();
    }
    case "playbooks": {
      const { corpus } = await loadOrIngest(defaultPaths(ROOT));
      if (corpus.playbooks.length === 0) console.log("no playbooks added (npm run coach -- add-playbook <file>)");
      for (const info of corpus.playbooks) console.log(`${info.id}\t${info.lang}\t${info.sections} sections\t${info.chunks} chunks\t${info.file}\t${info.title}`);
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

/** Shows a practice prompt, reads a pitch (typed, or piped on standard input) and prints its scoring. */
async function runDrill(lang: Lang | undefined, json: boolean): Promise<number> {
  const deps = await nodeAppDeps(loadConfig(process.env), (line) => console.error(line));
  const drills = deps.fabe.drills.filter((drill) => !lang || drill.lang === lang);
  const drill = drills[Math.floor(Math.random() * drills.length)];
  if (!drill) {
    console.error("no drill for that language");
    return 2;
  }
  const product = deps.fabe.products.find((card) => card.id === drill.product);
  console.error(formatDrill(drill, product?.name[drill.lang] ?? drill.product));
  const pitch = await readPitch(drill.lang === "en" ? "Your pitch (end with an empty line):" : "你的說法(空一行結束):");
  if (!pitch.trim()) {
    console.error("no pitch given");
    return 2;
  }
  const result = await deps.fabe.score(pitch, drill.product, drill.lang);
  console.log(json ? JSON.stringify(result, null, 2) : formatFabeText(result, deps.fabe.terminalWords));
  return 0;
}

/** A live role-play in the terminal: each line is a turn; an empty line (or the session's end) gives the debrief. */
async function runRoleplay(personaId: string | undefined, lang: Lang | undefined): Promise<number> {
  const deps = await nodeAppDeps(loadConfig(process.env), (line) => console.error(line));
  if (!personaId || !deps.roleplay.personas.some((persona) => persona.id === personaId)) {
    console.error(`personas: ${deps.roleplay.personas.map((persona) => persona.id).join(", ")}`);
    return 2;
  }
  const session = await deps.roleplay.create(personaId, lang ?? "auto");
  const name = deps.roleplay.personaName(personaId, lang ?? "zh-Hant");
  console.log(`${name}: ${session.messages[0]?.text ?? ""}`);
  const readline = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
  for await (const line of readline) {
    if (!line.trim()) break;
    const turn = await deps.roleplay.message(session.id, line);
    console.log(`${name}: ${turn.reply.text}`);
    if (turn.hint) console.log(`  (hint: ${turn.hint.text} [${turn.hint.basis.join(", ")}])`);
    if (turn.state.ended) break;
  }
  readline.close();
  const result = await deps.roleplay.debrief(session.id);
  console.log(`\n${result.summary}  ${result.score}/100`);
  for (const criterion of result.criteria) {
    console.log(`  ${criterion.met ? "✓" : "✗"} ${criterion.name}${criterion.quote ? ` 「${criterion.quote}」` : ""}`);
    if (!criterion.met) console.log(`      ${criterion.advice} [${criterion.citations.join(", ")}]`);
  }
  return 0;
}

async function readPitch(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    return text;
  }
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  console.error(prompt);
  const lines: string[] = [];
  for await (const line of readline) {
    if (!line.trim()) break;
    lines.push(line);
  }
  readline.close();
  return lines.join("\n");
}

function playbookDir(): string {
  return defaultPaths(ROOT).playbookDir as string;
}

async function runIngest(): Promise<number> {
  const paths = defaultPaths(ROOT);
  const { stats, playbooks } = await ingest(paths);
  // The Workers build imports the built corpus and this one file; it is rebuilt with the corpus.
  const edgeFile = join(dirname(paths.outputFile), "edge-data.json");
  await writeFile(edgeFile, JSON.stringify(await readEdgeData(ROOT)));
  const applied = stats.repairs.reduce((sum, repair) => sum + repair.applied, 0);
  console.log(
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

async function runSyncEnglish(): Promise<number> {
  const { units, missing } = await syncEnglish(defaultPaths(ROOT));
  console.log(`English file synced: ${units} units, ${missing} without a translation`);
  return missing === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
