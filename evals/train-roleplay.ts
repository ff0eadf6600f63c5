import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TURN_WRITER_SETS, trainShippedMoveModel } from "./roleplay-training.js";

/**
 * `npm run roleplay:train`: writes prompts/roleplay-move-model.json (the turn reader's move model) trained on every
 * turn writer. `--check` only says whether the file is what training gives now. How well it generalises is
 * measured writer by writer: `npx tsx evals/roleplay/leave-one-writer-out.ts evals/roleplay/writers/*.jsonl`.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const modelFile = join(root, "prompts", "roleplay-move-model.json");

async function main(): Promise<number> {
  const shipped = await trainShippedMoveModel();
  const text = `${JSON.stringify(shipped)}\n`;
  if (process.argv.includes("--check")) {
    const same = readFileSync(modelFile, "utf8") === text;
    console.log(
      same
        ? "prompts/roleplay-move-model.json is up to date"
        : "prompts/roleplay-move-model.json is stale: run npm run roleplay:train",
    );
    return same ? 0 : 1;
  }
  writeFileSync(modelFile, text);
  console.log(
    `wrote prompts/roleplay-move-model.json (${(text.length / 1024).toFixed(0)} KiB): manager ${shipped["manager-rep"].features.length} features, rep ${shipped["rep-customer"].features.length} features, trained on ${TURN_WRITER_SETS.length} writers`,
  );
  return 0;
}

process.exit(await main());
