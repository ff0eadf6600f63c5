import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readFabeFiles } from "../src/coach/fabe/fabe-files.js";
import { FabeService } from "../src/coach/fabe/fabe-service.js";
import { DEFAULT_TRAINING, trainLinearModel } from "../src/coach/fabe/linear-model.js";
import { CorpusIndex } from "../src/corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../src/corpus/ingest.js";
import { toTraditional } from "../src/lib/script.js";
import {
  examplesOf,
  HELD_OUT_SETS,
  loadSets,
  readCues,
  readSettings,
  TRAINING_SETS,
  trainShippedModel,
} from "./fabe-training.js";
import { compare, fabeMetrics } from "./suites/fabe.js";

/**
 * `npm run fabe:train`: reports the labeller on the held-out tuning sets (trained without them, rules alone
 * beside it), then writes prompts/fabe-model.json trained on all of them. `--check` only says whether the
 * file is what training gives now (after a change to the cues or the data, it is not).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const modelFile = join(root, "prompts", "fabe-model.json");

async function main(): Promise<number> {
  const shipped = trainShippedModel();
  const text = `${JSON.stringify(shipped)}\n`;
  if (process.argv.includes("--check")) {
    const same = readFileSync(modelFile, "utf8") === text;
    console.log(
      same ? "prompts/fabe-model.json is up to date" : "prompts/fabe-model.json is stale: run npm run fabe:train",
    );
    return same ? 0 : 1;
  }

  const cues = readCues();
  const held = loadSets(HELD_OUT_SETS);
  const withoutHeld = trainLinearModel(
    examplesOf(loadSets(TRAINING_SETS.filter((name) => !HELD_OUT_SETS.includes(name))), cues, readSettings()),
    DEFAULT_TRAINING,
  );
  const { corpus } = await buildFromFiles(defaultPaths(root, { playbooks: false }));
  const files = await readFabeFiles(root);
  const index = new CorpusIndex(corpus);
  const withModel = new FabeService(
    { ...files, modelJson: { ...withoutHeld, trainedOn: shipped.trainedOn } },
    index,
    toTraditional,
  );
  const rulesOnly = new FabeService({ ...files, modelJson: undefined }, index, toTraditional);
  console.log(`held out (${HELD_OUT_SETS.join(", ")}: ${held.length} pitches), end to end through the splitter:`);
  for (const [name, service] of [
    ["trained", withModel],
    ["rules", rulesOnly],
  ] as const) {
    const metrics = fabeMetrics(
      "held",
      held.map((item) => compare(item, service.offline(item.pitch))),
      false,
    ).filter((metric) => metric.name.startsWith("held all"));
    console.log(
      `  ${name.padEnd(8)} ${metrics.map((metric) => `${metric.name.replace("held all ", "")} ${metric.value}`).join(", ")}`,
    );
  }
  writeFileSync(modelFile, text);
  console.log(
    `wrote prompts/fabe-model.json: ${Object.keys(shipped.weights).length} features, trained on ${TRAINING_SETS.length} sets`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
