import { basename } from "node:path";
import type { MoveModelJson } from "../../src/coach/roleplay/move-model.js";
import {
  loadTurns,
  type MoveExamples,
  makeTurnReader,
  moveExamplesOf,
  readRoleplaySettings,
  trainMoveModels,
} from "../roleplay-training.js";
import { settingVariants } from "../setting-variants.js";
import type { TurnRecord } from "./check-set.js";
import { moveF1, scoreMoves } from "./move-metrics.js";

/**
 * `npx tsx evals/roleplay/leave-one-writer-out.ts evals/roleplay/writers/*.jsonl [--set moveProbability=0.2,0.3]
 * [--per-move] [--hold r01,r03]`: the turn reader trained on every writer but one and scored on that one, for each writer in turn
 * (turn-level macro-F1 over moves, exact move sets, micro precision and recall). The mean over writers is the figure
 * to choose a model by. Also the cue-only reader of the first wave, for comparison. Blind sets never go in here.
 */
async function main(args: string[]): Promise<void> {
  const base = readRoleplaySettings();
  const setAt = args.indexOf("--set");
  const variants = setAt >= 0 ? settingVariants(base, args[setAt + 1] as string) : [];
  const holdAt = args.indexOf("--hold");
  const hold = holdAt >= 0 ? (args[holdAt + 1] as string).split(",").map((name) => `r${name.replace(/^r/, "")}`) : [];
  const files = args.filter((arg, index) => arg.endsWith(".jsonl") && (setAt < 0 || index !== setAt + 1));
  const all = files.map((file) => ({ name: basename(file, ".jsonl"), turns: loadTurns(file) }));
  // --hold r01,r05: only these writers are held out in turn (each model is still trained on every other file given),
  // so one run can be split over processes, or a set of writers added to training compared on the same held-out ones.
  const writers = hold.length ? all.filter((writer) => hold.includes(writer.name)) : all;
  const runs = [{ name: "as shipped", settings: base }, ...variants];
  const cueReader = await makeTurnReader(base);
  const examples = new Map<string, MoveExamples>();
  const examplesFor = async (run: (typeof runs)[number], writer: (typeof writers)[number]) => {
    const retrains = run.name.startsWith("features.");
    const key = `${retrains ? run.name : "base"} ${writer.name}`;
    if (!examples.has(key))
      examples.set(key, moveExamplesOf(writer.turns, retrains ? await makeTurnReader(run.settings) : cueReader));
    return examples.get(key) as MoveExamples;
  };
  const figures = ["macro-F1", "exact", "precision", "recall", "zh-Hant F1", "zh-Hans F1", "en F1"];
  console.log(`| held out | turns | ${figures.join(" | ")} | cue-only macro-F1 |`);
  console.log(`|---|---|${figures.map(() => "---").join("|")}|---|`);
  const sums = runs.map(() => figures.map(() => 0));
  let cueSum = 0;
  const pooled = runs.map(() => ({ turns: [] as TurnRecord[], predicted: [] as string[][] }));
  for (const held of writers) {
    const cueScores = scoreMoves(held.turns, readAll(cueReader, held.turns));
    cueSum += cueScores.macroF1;
    for (const [runIndex, run] of runs.entries()) {
      const others = all.filter((writer) => writer.name !== held.name);
      const parts = await Promise.all(others.map((writer) => examplesFor(run, writer)));
      const models = trainMoveModels(
        {
          "manager-rep": parts.flatMap((part) => part["manager-rep"]),
          "rep-customer": parts.flatMap((part) => part["rep-customer"]),
        },
        run.settings.training,
      );
      const model: MoveModelJson = { ...models, trainedOn: { files: [], sha256: "", settings: {} } };
      const reader = await makeTurnReader(run.settings, model);
      const predicted = readAll(reader, held.turns);
      pooled[runIndex]?.turns.push(...held.turns);
      pooled[runIndex]?.predicted.push(...predicted);
      const scores = scoreMoves(held.turns, predicted);
      const byLang = (lang: string) => {
        const at = held.turns.flatMap((turn, index) => (turn.lang === lang ? [index] : []));
        return at.length
          ? scoreMoves(
              at.map((index) => held.turns[index] as TurnRecord),
              at.map((index) => predicted[index] as string[]),
            ).macroF1
          : Number.NaN;
      };
      const values = [
        scores.macroF1,
        scores.exact,
        scores.precision,
        scores.recall,
        byLang("zh-Hant"),
        byLang("zh-Hans"),
        byLang("en"),
      ];
      values.forEach((value, index) => {
        if (!Number.isNaN(value)) (sums[runIndex] as number[])[index]! += value;
      });
      if (runIndex === 0)
        console.log(
          `| ${held.name} | ${held.turns.length} | ${values.map((value) => (Number.isNaN(value) ? "–" : value.toFixed(3))).join(" | ")} | ${cueScores.macroF1.toFixed(3)} |`,
        );
    }
  }
  runs.forEach((run, runIndex) => {
    const counts = figures.map((_, index) =>
      index < 4
        ? writers.length
        : writers.filter((writer) => writer.turns.some((turn) => turn.lang === figures[index]?.split(" ")[0])).length,
    );
    const means = (sums[runIndex] as number[]).map((sum, index) => (sum / (counts[index] as number)).toFixed(3));
    console.log(`| mean (${run.name}) | | ${means.join(" | ")} | ${(cueSum / writers.length).toFixed(3)} |`);
  });
  if (args.includes("--per-move")) {
    const all = pooled[0] as { turns: TurnRecord[]; predicted: string[][] };
    const scores = scoreMoves(all.turns, all.predicted);
    console.log("\n| move | support | precision | recall | F1 |\n|---|---|---|---|---|");
    for (const [key, counts] of [...scores.perMove].sort()) {
      const support = counts.tp + counts.fn;
      console.log(
        `| ${key} | ${support} | ${(counts.tp / Math.max(1, counts.tp + counts.fp)).toFixed(2)} | ${(counts.tp / Math.max(1, support)).toFixed(2)} | ${moveF1(counts).toFixed(2)} |`,
      );
    }
  }
}

function readAll(reader: Awaited<ReturnType<typeof makeTurnReader>>, turns: readonly TurnRecord[]): string[][] {
  return turns.map((turn) => reader.read(turn.text, turn.mode).map((move) => move.move as string));
}

await main(process.argv.slice(2));
