import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { readFabeFiles } from "../../src/coach/fabe/fabe-files.js";
import { FabeService } from "../../src/coach/fabe/fabe-service.js";
import { DEFAULT_TRAINING, trainLinearModel } from "../../src/coach/fabe/linear-model.js";
import { toTraditional } from "../../src/lib/script.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import { examplesOf, readCues, readSettings } from "../fabe-training.js";
import { compare, fabeMetrics, loadFabeCases } from "../suites/fabe.js";

/**
 * `npx tsx evals/fabe/leave-one-writer-out.ts evals/fabe/writers/*.jsonl`: the labeller as it is built today
 * (features, linear model, the rules' verdicts), trained on every writer but one and scored end to end on that one
 * (splitter, labeller, violations), for each writer in turn. The mean over writers is the figure to choose a model
 * by: it says how the pipeline does on a writer it has never met. Blind sets never go in here.
 */
async function main(files: string[]): Promise<void> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const { corpus } = await realAppDeps();
  const fabeFiles = await readFabeFiles(root);
  const cues = readCues();
  const settings = readSettings();
  const writers = files.map((file) => ({ name: basename(file, ".jsonl"), cases: loadFabeCases(file) }));
  console.log("| held out | pitches | accuracy | macro-F1 | missing exact | violation R | violation P |");
  console.log("|---|---|---|---|---|---|---|");
  const sums = [0, 0, 0, 0, 0];
  for (const held of writers) {
    const training = writers.filter((writer) => writer !== held).flatMap((writer) => writer.cases);
    const model = trainLinearModel(examplesOf(training, cues, settings), DEFAULT_TRAINING);
    const fabe = new FabeService(
      { ...fabeFiles, modelJson: { ...model, trainedOn: { files: [], sha256: "", settings: {} } } },
      corpus,
      toTraditional,
    );
    const scored = held.cases.map((item) => compare(item, fabe.offline(item.pitch)));
    const values = new Map(fabeMetrics("x", scored, false).map((metric) => [metric.name, metric.value]));
    const figures = [
      "sentence-label accuracy",
      "macro-F1",
      "missing exactly right",
      "violation recall",
      "violation precision",
    ].map((name) => values.get(`x all ${name}`) as number);
    figures.forEach((value, index) => {
      sums[index] = (sums[index] as number) + value;
    });
    console.log(`| ${held.name} | ${held.cases.length} | ${figures.join(" | ")} |`);
  }
  console.log(`| mean of ${writers.length} | | ${sums.map((sum) => (sum / writers.length).toFixed(3)).join(" | ")} |`);
}

await main(process.argv.slice(2));
