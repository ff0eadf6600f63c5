import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { trainShippedModel, WRITER_SETS } from "./fabe-training.js";

/**
 * `npm run fabe:train`: writes prompts/fabe-model.json (the sentence labeller and the violation finder) trained
 * on every training writer. `--check` only says whether the file is what training gives now (after a change to
 * the cues, the settings or the data, it is not). How well it generalises is measured apart, writer by writer:
 * `npx tsx evals/fabe/leave-one-writer-out.ts evals/fabe/writers/*.jsonl`.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const modelFile = join(root, "prompts", "fabe-model.json");

function main(): number {
  const shipped = trainShippedModel();
  const text = `${JSON.stringify(shipped)}\n`;
  if (process.argv.includes("--check")) {
    const same = readFileSync(modelFile, "utf8") === text;
    console.log(
      same ? "prompts/fabe-model.json is up to date" : "prompts/fabe-model.json is stale: run npm run fabe:train",
    );
    return same ? 0 : 1;
  }
  writeFileSync(modelFile, text);
  const count = (features: readonly string[]) => features.length;
  console.log(
    `wrote prompts/fabe-model.json (${(text.length / 1024).toFixed(0)} KiB): labeller ${count(shipped.sentences.features)} features, violations ${count(shipped.violations.features)} features, trained on ${WRITER_SETS.length} writers`,
  );
  return 0;
}

process.exit(main());
