import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { readFabeFiles } from "../../src/coach/fabe/fabe-files.js";
import { FabeService } from "../../src/coach/fabe/fabe-service.js";
import { FabeSettingsSchema } from "../../src/coach/fabe/fabe-settings.js";
import { toTraditional } from "../../src/lib/script.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import { type Examples, examplesOf, readCues, trainOnExamples } from "../fabe-training.js";
import { settingVariants } from "../setting-variants.js";
import { compare, fabeMetrics, loadFabeCases } from "../suites/fabe.js";

const FIGURES = [
  "sentence-label accuracy",
  "macro-F1",
  "missing exactly right",
  "violation recall",
  "violation precision",
] as const;

/**
 * `npx tsx evals/fabe/leave-one-writer-out.ts evals/fabe/writers/*.jsonl [--set violations.probability=0.3,0.5]`:
 * the labeller and the violation finder as they are built today, trained on every writer but one and scored end
 * to end on that one (splitter, labeller, violations), for each writer in turn. The mean over writers is the
 * figure to choose a model by: it says how the pipeline does on a writer it has never met. `--set` tries other
 * values of a setting of prompts/fabe-settings.json (one mean row per value; the models are trained again when the
 * setting is one they are trained with); `--dump file.json`
 * writes every held-out pitch's gold and predicted result, to study the errors. Blind sets never go in here.
 */
async function main(args: string[]): Promise<void> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const { corpus } = await realAppDeps();
  const fabeFiles = await readFabeFiles(root);
  const setAts = args.flatMap((arg, index) => (arg === "--set" ? [index] : []));
  const variants = setAts.flatMap((at) =>
    settingVariants(fabeFiles.settingsJson, args[at + 1] as string).map(({ name, settings }) => ({
      name,
      settingsJson: settings,
    })),
  );
  const dumpAt = args.indexOf("--dump");
  const dump: unknown[] = [];
  const values = new Set([...setAts, dumpAt, args.indexOf("--hold")].filter((at) => at >= 0).map((at) => at + 1));
  const files = args.filter((arg, index) => arg.endsWith(".jsonl") && !values.has(index));
  const writers = files.map((file) => ({ name: basename(file, ".jsonl"), cases: loadFabeCases(file) }));
  const runs = [{ name: "as shipped", settingsJson: fabeFiles.settingsJson }, ...variants];
  const sums = runs.map(() => FIGURES.map(() => 0));
  const retrains = (run: (typeof runs)[number]) => /^(features|rules|split|training)\./.test(run.name);
  // Each writer's training examples are made once per setting, not once per fold.
  const cache = new Map<string, Examples>();
  const cues = readCues();
  const examplesFor = (run: (typeof runs)[number], writer: (typeof writers)[number]) => {
    const key = `${retrains(run) ? run.name : "as shipped"} ${writer.name}`;
    if (!cache.has(key))
      cache.set(
        key,
        examplesOf(
          writer.cases,
          cues,
          FabeSettingsSchema.parse(retrains(run) ? run.settingsJson : runs[0]!.settingsJson),
        ),
      );
    return cache.get(key) as Examples;
  };
  console.log(`| held out | pitches | ${FIGURES.join(" | ")} |`);
  console.log(`|---|---|${FIGURES.map(() => "---").join("|")}|`);
  // `--hold 01,02` scores only those writers (each still trained on all the others): two processes can share the
  // writers between them.
  const holdAt = args.indexOf("--hold");
  const hold = holdAt >= 0 ? new Set((args[holdAt + 1] as string).split(",")) : undefined;
  for (const held of writers.filter((writer) => !hold || hold.has(writer.name))) {
    const trainingOf = (run: (typeof runs)[number]) => {
      const others = writers.filter((writer) => writer !== held);
      const examples = others.map((writer) => examplesFor(run, writer));
      return trainOnExamples(
        {
          sentences: examples.flatMap((each) => each.sentences),
          violations: examples.flatMap((each) => each.violations),
          sequences: examples.flatMap((each) => each.sequences),
          pitches: examples.flatMap((each) => each.pitches),
        },
        FabeSettingsSchema.parse(run.settingsJson).training,
      );
    };
    const shipped = trainingOf(runs[0]!);
    runs.forEach((run, runIndex) => {
      // A setting the models are trained with (features, rules, splitter, training) means training again.
      const models = retrains(run) ? trainingOf(run) : shipped;
      const fabe = new FabeService(
        {
          ...fabeFiles,
          settingsJson: run.settingsJson,
          modelJson: { ...models, trainedOn: { files: [], sha256: "", settings: {} } },
        },
        corpus,
        toTraditional,
      );
      const scored = held.cases.map((item) => compare(item, fabe.offline(item.pitch)));
      if (runIndex === 0 && dumpAt >= 0)
        for (const row of scored) dump.push({ item: row.item, result: row.result, pairs: row.pairs });
      const values = new Map(fabeMetrics("x", scored).map((metric) => [metric.name, metric.value]));
      const figures = FIGURES.map((name) => values.get(`x all ${name}`) as number);
      figures.forEach((value, index) => {
        (sums[runIndex] as number[])[index] = ((sums[runIndex] as number[])[index] as number) + value;
      });
      if (runIndex === 0) console.log(`| ${held.name} | ${held.cases.length} | ${figures.join(" | ")} |`);
    });
  }
  if (dumpAt >= 0) writeFileSync(args[dumpAt + 1] as string, JSON.stringify(dump));
  runs.forEach((run, runIndex) => {
    const count = hold ? hold.size : writers.length;
    const means = (sums[runIndex] as number[]).map((sum) => (sum / count).toFixed(3));
    console.log(`| mean of ${count} (${run.name}) | | ${means.join(" | ")} |`);
  });
}

await main(process.argv.slice(2));
