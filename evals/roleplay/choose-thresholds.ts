import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MoveModelJson } from "../../src/coach/roleplay/move-model.js";
import type { Mode } from "../../src/coach/roleplay/persona.js";
import {
  loadTurns,
  type MoveExamples,
  makeTurnReader,
  moveExamplesOf,
  readRoleplaySettings,
  TURN_WRITER_SETS,
  trainMoveModels,
} from "../roleplay-training.js";

/**
 * `npx tsx evals/roleplay/choose-thresholds.ts [--write]`: each move's own probability threshold, chosen where its
 * leave-one-writer-out F1 is highest. Every training writer is held out in turn, the reader trained on the others
 * reads that writer's turns, and each turn keeps, per move, the highest probability any of its sentences gives it;
 * pooled over all held-out turns, a move's F1 is computed at every threshold of the grid. `--write` stores the moves
 * whose best threshold differs from `moveProbability` in prompts/roleplay-settings.json (`moveThresholds`). Only
 * the training writers are read: never the blind sets, nor the scripts.
 */
const GRID = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

async function main(write: boolean): Promise<void> {
  const settings = readRoleplaySettings();
  const writers = TURN_WRITER_SETS.map((file) => ({ name: basename(file, ".jsonl"), turns: loadTurns(file) }));
  const base = await makeTurnReader(settings);
  const examples = new Map<string, MoveExamples>(
    writers.map((writer) => [writer.name, moveExamplesOf(writer.turns, base)]),
  );
  // Per held-out turn: its mode, its labelled moves and the highest probability of each move over its sentences.
  const seen: Array<{ mode: Mode; gold: Set<string>; best: Map<string, number> }> = [];
  for (const held of writers) {
    const others = writers
      .filter((writer) => writer !== held)
      .map((writer) => examples.get(writer.name) as MoveExamples);
    const models = trainMoveModels(
      {
        "manager-rep": others.flatMap((part) => part["manager-rep"]),
        "rep-customer": others.flatMap((part) => part["rep-customer"]),
      },
      settings.training,
    );
    const model: MoveModelJson = { ...models, trainedOn: { files: [], sha256: "", settings: {} } };
    const reader = await makeTurnReader(settings, model);
    for (const turn of held.turns) {
      const { labels, sentences } = reader.probabilities(turn.text, turn.mode);
      const best = new Map(labels.map((move, k) => [move, Math.max(0, ...sentences.map((row) => row[k] as number))]));
      seen.push({ mode: turn.mode, gold: new Set(turn.moves.map((move) => move.move)), best });
    }
    process.stderr.write(`${held.name} `);
  }
  process.stderr.write("\n");
  type Seen = (typeof seen)[number];
  // A move's F1 over the held-out turns of its mode, given which turns read it.
  const f1Of = (mode: Mode, move: string, reads: (turn: Seen) => boolean) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const turn of seen) {
      if (turn.mode !== mode) continue;
      const read = reads(turn);
      const gold = turn.gold.has(move);
      if (read && gold) tp++;
      else if (read) fp++;
      else if (gold) fn++;
    }
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  const f1At = (mode: Mode, move: string, threshold: number) =>
    f1Of(mode, move, (turn) => (turn.best.get(move) ?? 0) >= threshold);
  const chosen: Record<string, number> = {};
  const before: number[] = [];
  const after: number[] = [];
  console.log(`| move | F1 at ${settings.moveProbability} | best threshold | F1 there |\n|---|---|---|---|`);
  for (const mode of ["manager-rep", "rep-customer"] as const) {
    const moves = [...new Set(seen.filter((turn) => turn.mode === mode).flatMap((turn) => [...turn.best.keys()]))];
    for (const move of moves.sort()) {
      const atBase = f1At(mode, move, settings.moveProbability);
      let best = { threshold: settings.moveProbability, f1: atBase };
      for (const threshold of GRID) {
        const f1 = f1At(mode, move, threshold);
        if (f1 > best.f1 + 0.005) best = { threshold, f1 };
      }
      before.push(atBase);
      after.push(best.f1);
      if (best.threshold !== settings.moveProbability) chosen[`${mode}/${move}`] = best.threshold;
      console.log(`| ${mode} ${move} | ${atBase.toFixed(3)} | ${best.threshold} | ${best.f1.toFixed(3)} |`);
    }
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  console.log(
    `\npooled macro-F1 over moves: ${mean(before).toFixed(3)} at ${settings.moveProbability}, ${mean(after).toFixed(3)} with each move's own threshold`,
  );
  // With the chosen thresholds, a turn in which no move reaches its own threshold reads the moves that reach
  // the fallback (settings.fallbackProbability): the macro-F1 for each candidate.
  const own = (mode: Mode, move: string) => chosen[`${mode}/${move}`] ?? settings.moveProbability;
  for (const fallback of [undefined, 0.1, 0.15]) {
    const f1s: number[] = [];
    for (const mode of ["manager-rep", "rep-customer"] as const) {
      const turns = seen.filter((turn) => turn.mode === mode);
      const moves = [...new Set(turns.flatMap((turn) => [...turn.best.keys()]))];
      const reads = new Map(
        turns.map((turn) => {
          const read = moves.filter((move) => (turn.best.get(move) ?? 0) >= own(mode, move));
          const second = moves.filter((move) => fallback !== undefined && (turn.best.get(move) ?? 0) >= fallback);
          return [turn, read.length > 0 ? read : second];
        }),
      );
      for (const move of moves) f1s.push(f1Of(mode, move, (turn) => reads.get(turn)?.includes(move) ?? false));
    }
    console.log(`with a fallback of ${fallback ?? "none"}: pooled macro-F1 ${mean(f1s).toFixed(3)}`);
  }
  if (write) {
    const file = join(fileURLToPath(new URL("../..", import.meta.url)), "prompts", "roleplay-settings.json");
    // One line of the file changes; the rest keeps its layout.
    const text = readFileSync(file, "utf8");
    const line = `  "moveThresholds": ${JSON.stringify(chosen)},`;
    if (!/^ {2}"moveThresholds": .*,$/m.test(text))
      throw new Error("prompts/roleplay-settings.json has no moveThresholds line");
    writeFileSync(file, text.replace(/^ {2}"moveThresholds": .*,$/m, line));
    console.log(`wrote ${Object.keys(chosen).length} thresholds to prompts/roleplay-settings.json`);
  }
}

await main(process.argv.includes("--write"));
