import { fileURLToPath } from "node:url";
import { defaultPaths, ingest, syncEnglish } from "./corpus/ingest.js";

/** Terminal commands. `ingest` builds corpus/build/handbook.json; `ingest --sync-english` rewrites the English file's Chinese lines. */
async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const paths = defaultPaths(fileURLToPath(new URL("..", import.meta.url)));
  switch (command) {
    case "ingest": {
      if (flags.includes("--sync-english")) {
        const { units, missing } = await syncEnglish(paths);
        console.log(`English file synced: ${units} units, ${missing} without a translation`);
        return missing === 0 ? 0 : 1;
      }
      const corpus = await ingest(paths);
      const { stats } = corpus;
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
    default:
      console.error("usage: tsx src/cli.ts ingest [--sync-english]");
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
