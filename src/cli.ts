import { parseArgs } from "node:util";
import { formatAdviceText } from "./coach/advice/format-text.js";
import { loadConfig } from "./config.js";
import { defaultPaths, ingest, syncEnglish } from "./corpus/ingest.js";
import { nodeAppDeps, ROOT } from "./entry/node-deps.js";
import type { Lang } from "./retrieval/types.js";

const USAGE = `usage:
  npm run coach -- ask "<scenario>" [--json] [--lang zh-Hant|zh-Hans|en]
  npm run ingest [-- --sync-english]`;

/** Terminal commands: `ask` prints grounded advice; `ingest` builds the corpus. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" }, lang: { type: "string" }, "sync-english": { type: "boolean" } },
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
      console.log(values.json ? JSON.stringify(advice, null, 2) : formatAdviceText(advice));
      return 0;
    }
    case "ingest":
      return values["sync-english"] ? runSyncEnglish() : runIngest();
    default:
      console.error(USAGE);
      return 2;
  }
}

async function runIngest(): Promise<number> {
  const paths = defaultPaths(ROOT);
  const { stats } = await ingest(paths);
  const applied = stats.repairs.reduce((sum, repair) => sum + repair.applied, 0);
  console.log(
    [
      `sections ${stats.sections}, chunks ${stats.chunks}, coverage ${(stats.coverage * 100).toFixed(2)} %`,
      `chunk size (chars) min ${stats.chunkChars.min}, median ${stats.chunkChars.median}, max ${stats.chunkChars.max}`,
      `block markers removed ${stats.markersRemoved}, glyph fixes ${stats.glyphFixes}`,
      `repairs: ${stats.repairs.length} entries, ${applied} replacements`,
      `written to ${paths.outputFile}`,
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
