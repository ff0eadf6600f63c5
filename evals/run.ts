import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { CliError, describeError } from "../src/cli/cli-error.js";
import { loadConfig } from "../src/config.js";
import { buildFromFiles, defaultPaths } from "../src/corpus/ingest.js";
import { chatModelFor } from "../src/llm/openai.js";
import type { ChatModel } from "../src/llm/types.js";
import { LanceStore } from "../src/retrieval/stores/lancedb.js";
import { realAppDeps } from "../test/support/app-deps.js";
import { answerAll, loadSet } from "./advice/quality.js";
import { loadRetrievalCases } from "./cases.js";
import { answerConversations, answerPairs, loadConversations, loadPairs } from "./chat/quality.js";
import { baselineSearch, retrieversFor } from "./retrieval-setup.js";
import { loadTurns } from "./roleplay-training.js";
import { adviceSuite, loadAdviceCases } from "./suites/advice.js";
import { adviceQualitySuite } from "./suites/advice-quality.js";
import { chatQualitySuite } from "./suites/chat-quality.js";
import { corpusSuite } from "./suites/corpus.js";
import { fabeSuite, loadFabeCases } from "./suites/fabe.js";
import { llmReplaySuite } from "./suites/llm-replay.js";
import { movesSuite } from "./suites/moves.js";
import { baselineMetrics, misses, runCases, searchWith, storeMetrics, suiteResult } from "./suites/retrieval.js";
import { loadDialogues, roleplaySuite } from "./suites/roleplay.js";
import { loadScripts, scriptsSuite } from "./suites/roleplay-scripts.js";
import { loadSafetyCases, safetySuite } from "./suites/safety.js";
import { temporaryFolder } from "./temporary-folder.js";
import type { SuiteResult } from "./types.js";

/**
 * `npm run eval`: runs every suite (or those named by `--only a,b`), prints one table, writes report.{md,json}
 * to evals/ (or `--out <dir>`), exits 1 below a threshold.
 */
async function main(): Promise<number> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const paths = defaultPaths(root, { playbooks: false });
  const referenceFile = fileURLToPath(new URL("../../shared/reference/spun-words.tsv", import.meta.url));
  const reference = existsSync(referenceFile) ? readFileSync(referenceFile, "utf8") : undefined;

  const { values } = parseOptions(process.argv.slice(2));
  const verbose = Boolean(values.verbose);
  // With COACH_LLM_BASE_URL (or OPENAI_API_KEY) set, advice, FABE, role-play and safety run in llm mode.
  const config = loadConfig(process.env);
  const model = chatModelFor(config);
  const mode = model ? `llm (${config.llm.model} at ${config.llm.baseUrl ?? "api.openai.com"})` : "offline";
  const shared = memo(() => coachServices(model));
  const services = async (suite: string) => {
    const built = await shared();
    built.sessionsFor(suite);
    return built;
  };
  const llm = model !== undefined;
  const suites: Record<string, () => Promise<SuiteResult>> = {
    corpus: () => corpusSuite(paths, reference),
    retrieval: () => retrieval(paths, verbose),
    advice: async () => advice(paths, await services("advice"), llm),
    "advice-quality": () => adviceQuality(),
    "chat-quality": () => chatQuality(),
    fabe: async () => fabe(await services("fabe"), llm),
    roleplay: async () => roleplay(await services("roleplay")),
    moves: async () => moves(await services("moves")),
    scripts: async () => scripts(await services("scripts")),
    safety: () => safety(model),
    "llm-replay": () => llmReplaySuite(),
  };
  const only = values["llm-replay"] ? "llm-replay" : values.only;
  const chosen = only ? only.split(",").map((name) => name.trim()) : Object.keys(suites);
  const unknown = chosen.filter((name) => !suites[name]);
  if (unknown.length > 0)
    throw new CliError(`--only: no suite ${unknown.join(", ")} (suites: ${Object.keys(suites).join(", ")})`, 2);
  const results: SuiteResult[] = [];
  for (const name of chosen) results.push(await (suites[name] as () => Promise<SuiteResult>)());

  const table = formatTable(results);
  console.log(`mode: ${mode}\n`);
  console.log(table);
  for (const result of results) for (const note of result.notes) console.log(`${result.suite}: ${note}`);
  const out = values.out ?? fileURLToPath(new URL(".", import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "report.md"), `# Eval report\n\nMode: ${mode}\n\n${table}\n`);
  writeFileSync(join(out, "report.json"), JSON.stringify({ mode, results }, null, 2));
  const failed = results.flatMap((result) =>
    result.metrics.filter((metric) => !metric.pass).map((m) => `${result.suite}: ${m.name}`),
  );
  const passed = results.reduce((sum, result) => sum + result.metrics.filter((metric) => metric.pass).length, 0);
  for (const line of failed) console.log(`FAILED ${line}`);
  console.log(`\neval: ${passed} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

async function retrieval(paths: ReturnType<typeof defaultPaths>, verbose: boolean): Promise<SuiteResult> {
  const { corpus } = await buildFromFiles(paths);
  const seed = readFileSync(`${paths.corpusDir}/handbook.seed.txt`, "utf8");
  const cases = loadRetrievalCases(fileURLToPath(new URL("retrieval.jsonl", import.meta.url)), seed, corpus.chunks);
  const { lancedb, memory } = await retrieversFor(corpus, paths.corpusDir);
  const lanceOutcomes = await runCases(searchWith(lancedb), cases);
  const memoryOutcomes = await runCases(searchWith(memory), cases);
  const baselineOutcomes = await runCases(await baselineSearch(corpus), cases);
  // The dev set tuned the fusion weights and the scope threshold: reported for information, not gated.
  const devCases = loadRetrievalCases(
    fileURLToPath(new URL("retrieval-dev.jsonl", import.meta.url)),
    seed,
    corpus.chunks,
  );
  const devOutcomes = await runCases(searchWith(lancedb), devCases);
  const notes = [
    ...misses("lancedb", lanceOutcomes),
    ...misses("memory", memoryOutcomes),
    ...misses("dev", devOutcomes),
  ];
  if (verbose) {
    for (const outcome of lanceOutcomes) {
      notes.push(
        `${outcome.case.id} oos=${outcome.case.outOfScope} conf=${outcome.confidence} rank=${outcome.rank} ${outcome.case.query.slice(0, 40)}`,
      );
    }
  }
  return suiteResult(
    [
      ...storeMetrics("lancedb", lanceOutcomes),
      ...storeMetrics("memory", memoryOutcomes),
      ...storeMetrics("dev set (lancedb)", devOutcomes).map((metric) => ({
        ...metric,
        threshold: "tuning set",
        pass: true,
      })),
      ...baselineMetrics(baselineOutcomes),
    ],
    notes,
  );
}

/** Advice, FABE and role-play as the product wires them, over the handbook alone and the LanceDB store. */
async function coachServices(model: ChatModel | undefined) {
  const uri = temporaryFolder("coach-eval-");
  // Sessions numbered in order within each suite, not random: a session's replies follow from its id, so every run
  // of a suite (alone or in the whole eval) replays the same conversations, and its figures move only when the code
  // or the data do.
  const ids = { suite: "eval", count: 0 };
  const deps = await realAppDeps({
    openStore: (request) => LanceStore.open({ uri, ...request }),
    // Shaped like the random ids (the service accepts nothing else): the suite's own prefix, then the count.
    newId: () => `${suitePrefix(ids.suite)}-0000-4000-8000-${(++ids.count).toString(16).padStart(12, "0")}`,
    ...(model ? { model } : {}),
  });
  return {
    corpus: deps.corpus.corpus,
    index: deps.corpus,
    advice: deps.advice,
    fabe: deps.fabe,
    roleplay: deps.roleplay,
    /** Numbers the role-play sessions from 1 again, under the suite's name. */
    sessionsFor(suite: string) {
      ids.suite = suite;
      ids.count = 0;
    },
  };
}
type Services = Awaited<ReturnType<typeof coachServices>>;

/** Eight hex digits from a suite's name, so two suites' sessions never share an id. */
function suitePrefix(suite: string): string {
  let hash = 0;
  for (const char of suite) hash = (Math.imul(hash, 31) + (char.codePointAt(0) as number)) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

async function advice(paths: ReturnType<typeof defaultPaths>, services: Services, llm: boolean): Promise<SuiteResult> {
  const seed = readFileSync(`${paths.corpusDir}/handbook.seed.txt`, "utf8");
  const cases = loadAdviceCases(fileURLToPath(new URL("advice.jsonl", import.meta.url)), seed, services.corpus.chunks);
  return adviceSuite(
    (scenario) => (llm ? services.advice.advise(scenario) : services.advice.offline(scenario)),
    services.index,
    cases,
  );
}

async function fabe(services: Services, llm: boolean): Promise<SuiteResult> {
  // The gate is the blind sets: the models train on the training writers only (evals/fabe-training.ts).
  const blindDir = new URL("fabe/blind/", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("sets.json", blindDir), "utf8")) as {
    sets: Array<{ name: string; outOfStyle: boolean; batch: number }>;
  };
  const blind = manifest.sets.map((set) => ({
    ...set,
    cases: loadFabeCases(fileURLToPath(new URL(`${set.name}.jsonl`, blindDir))),
  }));
  return fabeSuite((item) => (llm ? services.fabe.score(item.pitch) : services.fabe.offline(item.pitch)), blind);
}

async function roleplay(services: Services): Promise<SuiteResult> {
  const file = new URL("roleplay.jsonl", import.meta.url);
  return roleplaySuite(services.roleplay, services.index, existsSync(file) ? loadDialogues(fileURLToPath(file)) : []);
}

async function moves(services: Services): Promise<SuiteResult> {
  // The gate is the blind sets: the move model trains on the turn writers only (evals/roleplay-training.ts).
  const blindDir = new URL("roleplay/blind/", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("sets.json", blindDir), "utf8")) as {
    sets: Array<{ name: string; outOfStyle: boolean }>;
  };
  const sets = manifest.sets.map((set) => ({
    ...set,
    turns: loadTurns(fileURLToPath(new URL(`${set.name}.jsonl`, blindDir))),
  }));
  return movesSuite((text, mode) => services.roleplay.readTurn(text, mode), sets);
}

async function scripts(services: Services): Promise<SuiteResult> {
  // The dev scripts tune the cards; the blind ones are read once per model or card change (docs/roleplay.md).
  const dir = new URL("roleplay/scripts/", import.meta.url);
  const read = (name: string) => {
    const file = new URL(name, dir);
    return existsSync(file) ? loadScripts(fileURLToPath(file)) : [];
  };
  return scriptsSuite(services.roleplay, [
    { name: "dev scripts", scripts: read("dev.jsonl") },
    { name: "blind scripts", scripts: read("blind.jsonl") },
    { name: "blind scripts 2", scripts: read("blind2.jsonl") },
  ]);
}

async function adviceQuality(): Promise<SuiteResult> {
  // Offline: the blind sets are read once per model choice (docs/advice.md lists every read).
  const latencies: number[] = [];
  const tuning = await answerAll(loadSet("writers"), latencies);
  const blind = await answerAll(loadSet("blind"), latencies);
  return adviceQualitySuite(
    [
      { name: "tuning writers", rows: tuning, gate: false },
      { name: "blind", rows: blind, gate: true },
    ],
    latencies,
  );
}

async function chatQuality(): Promise<SuiteResult> {
  // Offline: the blind sets are read once per model choice (docs/chat.md lists every read).
  const app = createApp(await realAppDeps());
  const latencies: number[] = [];
  const sets = [];
  for (const [name, set, gate] of [
    ["tuning writers", "tuning", false],
    ["blind", "blind", true],
  ] as const) {
    const answered = await answerConversations(app, loadConversations(set));
    latencies.push(...answered.latencies);
    sets.push({ name, rows: answered.rows, pairs: await answerPairs(app, loadPairs(set)), gate });
  }
  return chatQualitySuite(sets, latencies);
}

async function safety(model: ChatModel | undefined): Promise<SuiteResult> {
  const options = model ? { model } : {};
  const handbook = await realAppDeps(options);
  // The same app over a corpus that also holds a tampered playbook, as `add-playbook` would add it.
  const withPlaybook = await realAppDeps({
    ...options,
    playbookDir: fileURLToPath(new URL("fixtures/playbooks", import.meta.url)),
  });
  const root = fileURLToPath(new URL("..", import.meta.url));
  const prompts = ["advice.system.md", "advice.user.md", "fabe.system.md", "roleplay.system.md"].map((file) =>
    readFileSync(`${root}/prompts/${file}`, "utf8"),
  );
  return safetySuite(
    {
      handbook: { app: createApp(handbook), corpus: handbook.corpus },
      withPlaybook: { app: createApp(withPlaybook), corpus: withPlaybook.corpus },
    },
    prompts,
    loadSafetyCases(fileURLToPath(new URL("safety.jsonl", import.meta.url))),
  );
}

/** Builds on first use only: `--only corpus` should not build an index. */
function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function formatTable(results: readonly SuiteResult[]): string {
  const rows = [["suite", "metric", "value", "threshold", "ok"]];
  for (const result of results) {
    for (const metric of result.metrics) {
      rows.push([
        result.suite,
        metric.name,
        String(metric.value),
        metric.threshold ?? "",
        metric.belowTarget ? "below target" : metric.pass ? "yes" : "NO",
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ""))));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell + " ".repeat((widths[column] ?? 0) - width(cell))).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

/** Display width: CJK characters take two columns. */
function width(text: string): number {
  let total = 0;
  for (const char of text) total += /[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1;
  return total;
}

const USAGE =
  "usage: npm run eval [-- --only corpus,retrieval,advice,advice-quality,chat-quality,fabe,roleplay,moves,scripts,safety,llm-replay] [--llm-replay] [--out <dir>] [--verbose]";

/** The command line, or a one-line usage error (parseArgs words its own for programmers). */
function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        verbose: { type: "boolean" },
        only: { type: "string" },
        out: { type: "string" },
        // The recorded answers of a real chat model, replayed (evals/fixtures/llm/): the llm-replay suite alone.
        "llm-replay": { type: "boolean" },
      },
    });
  } catch (error) {
    throw new CliError(`${(error instanceof Error ? error.message : String(error)).split(". ")[0]}\n${USAGE}`, 2);
  }
}

// Expected failures are one message; the stack only with DEBUG=1 or --verbose.
const debug = Boolean(process.env.DEBUG && process.env.DEBUG !== "0") || process.argv.includes("--verbose");
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(describeError(error, debug));
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
