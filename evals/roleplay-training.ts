import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { readFabeFiles } from "../src/coach/fabe/fabe-files.js";
import { FabeService } from "../src/coach/fabe/fabe-service.js";
import {
  type MultiLabelExample,
  type TrainingExample,
  trainLinearModel,
  trainMultiLabelModel,
} from "../src/coach/fabe/linear-model.js";
import { callFeatures } from "../src/coach/roleplay/call-model.js";
import { MODEL_MOVES, type MoveModelJson } from "../src/coach/roleplay/move-model.js";
import type { Mode } from "../src/coach/roleplay/persona.js";
import { TurnReader } from "../src/coach/roleplay/read-turn.js";
import { readRoleplayFiles } from "../src/coach/roleplay/roleplay-files.js";
import { type RoleplaySettings, RoleplaySettingsSchema } from "../src/coach/roleplay/roleplay-settings.js";
import { CALLS, type Call } from "../src/coach/roleplay/simulate.js";
import { CorpusIndex } from "../src/corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../src/corpus/ingest.js";
import { toTraditional } from "../src/lib/script.js";
import { readJsonl } from "./cases.js";
import { hashFiles, locate } from "./fabe-training.js";
import { type TurnRecord, TurnRecordSchema } from "./roleplay/check-set.js";

/**
 * The role-play move model is trained on the turn writers' sets (evals/roleplay/writers/*.jsonl), each written and
 * labelled by an independent writer from docs/roleplay-labelling-guide.md and one style brief kept beside it. The
 * blind sets (evals/roleplay/blind/) are never trained on.
 */
const evalsDir = fileURLToPath(new URL(".", import.meta.url));
const root = join(evalsDir, "..");
const writersDir = join(evalsDir, "roleplay", "writers");

export const TURN_WRITER_SETS = readdirSync(writersDir)
  .filter((name) => /^r\d+\.jsonl$/.test(name))
  .sort()
  .map((name) => `evals/roleplay/writers/${name}`);

export function loadTurns(file: string): TurnRecord[] {
  return readJsonl(resolve(root, file), TurnRecordSchema);
}

export function readRoleplaySettings(): RoleplaySettings {
  return RoleplaySettingsSchema.parse(
    JSON.parse(readFileSync(join(root, "prompts", "roleplay-settings.json"), "utf8")),
  );
}

/**
 * A turn reader as the product builds one (the shipped FABE models, cue files and settings), with the move model
 * given or none: training reads turns through it, so the features learned are the features served.
 */
export async function makeTurnReader(
  settings: RoleplaySettings = readRoleplaySettings(),
  model?: MoveModelJson,
): Promise<TurnReader> {
  const { corpus } = await buildFromFiles(defaultPaths(root, { playbooks: false }));
  const fabe = new FabeService(await readFabeFiles(root), new CorpusIndex(corpus), toTraditional);
  const files = await readRoleplayFiles(join(root, "prompts"));
  return new TurnReader(files.movesJson, fabe, toTraditional, settings, model);
}

export type MoveExamples = Record<Mode, MultiLabelExample[]>;

/**
 * Training examples as the product reads a turn: its sentences, each labelled with every move whose quote it holds
 * most of, and every other sentence the quote covers for the most part (or none).
 */
export function moveExamplesOf(turns: readonly TurnRecord[], reader: TurnReader): MoveExamples {
  const examples: MoveExamples = { "manager-rep": [], "rep-customer": [] };
  for (const turn of turns) {
    const read = reader.sentences(turn.text, turn.mode);
    const spans = locate(turn.text, read.texts);
    const moves = read.texts.map(() => [] as string[]);
    for (const { move, quote } of turn.moves) {
      const at = turn.text.indexOf(quote);
      const span = { start: at, end: at + quote.length };
      // The sentence holding most of the quote makes the move, and so does every other sentence the quote covers
      // for the most part (a criticism told over three sentences is made by all three).
      const overlaps = spans.map(
        (candidate) => Math.min(candidate.end, span.end) - Math.max(candidate.start, span.start),
      );
      const most = Math.max(...overlaps);
      overlaps.forEach((amount, index) => {
        const length = (spans[index] as { start: number; end: number }).end - (spans[index] as { start: number }).start;
        if (amount > 0 && (amount === most || amount * 2 >= length)) moves[index]?.push(move);
      });
    }
    read.features.forEach((features, index) => {
      examples[turn.mode].push({ features, labels: moves[index] as string[] });
    });
  }
  return examples;
}

/**
 * Turn writers whose sets train the call model only (evals/roleplay/call-writers/): r41–r50 labelled their turns'
 * moves and calls, but with their moves in the move model the dev scripts moved the right way less often (r41–r46:
 * 0.799 → 0.775, whole scripts 0.440 → 0.369, while leaving one writer out was unchanged; r47–r50: 0.782, 0.393),
 * docs/roleplay.md.
 */
export const CALL_WRITER_SETS = readdirSync(join(evalsDir, "roleplay", "call-writers"))
  .filter((name) => /^r\d+\.jsonl$/.test(name))
  .sort()
  .map((name) => `evals/roleplay/call-writers/${name}`);

/** Where the turns labelled by evals/roleplay/calls/rNN.jsonl are: a turn writer's set, or a call writer's. */
export function turnSetOf(callLabels: string): string {
  const name = callLabels.split("/").pop() as string;
  const set = [...TURN_WRITER_SETS, ...CALL_WRITER_SETS].find((file) => file.endsWith(`/${name}`));
  if (!set) throw new Error(`${callLabels} labels no writer's turns (evals/roleplay/writers/ or call-writers/)`);
  return set;
}

/** evals/roleplay/calls/rNN.jsonl: what each labelled turn of writer rNN calls for (docs/roleplay-call-guide.md). */
const CallRecordSchema = z.object({ id: z.string(), call: z.enum(CALLS) });
export const CALL_LABEL_SETS = readdirSync(join(evalsDir, "roleplay", "calls"))
  .filter((name) => /^r\d+\.jsonl$/.test(name))
  .sort()
  .map((name) => `evals/roleplay/calls/${name}`);

/** Every call label, by turn id. */
export function loadCalls(files: readonly string[] = CALL_LABEL_SETS): Map<string, Call> {
  return new Map(
    files.flatMap((file) => readJsonl(resolve(root, file), CallRecordSchema)).map((record) => [record.id, record.call]),
  );
}

/** Training examples for the call model: every turn that has a call label, as the product reads it. */
export function callExamplesOf(
  turns: readonly TurnRecord[],
  calls: ReadonlyMap<string, Call>,
  reader: TurnReader,
): TrainingExample[] {
  return turns.flatMap((turn) => {
    const call = calls.get(turn.id);
    if (!call) return [];
    return [{ features: callFeatures(reader.sentences(turn.text, turn.mode), turn.mode, toTraditional), label: call }];
  });
}

/**
 * The call model: the move models' training settings and weight steps (0.05), but features seen in `call.minCount`
 * turns or more (a turn is one example, not one per sentence: far fewer examples than the move models see) and
 * weights within `call.negligible` dropped.
 */
export function trainCallModel(examples: readonly TrainingExample[], settings: RoleplaySettings) {
  const { training } = settings;
  return trainLinearModel(
    examples,
    CALLS,
    { ...training, minCount: settings.call.minCount },
    { negligible: settings.call.negligible, scale: training.scale },
  );
}

export function trainMoveModels(
  examples: MoveExamples,
  settings: RoleplaySettings["training"],
): Omit<MoveModelJson, "trainedOn" | "call"> {
  return {
    "manager-rep": trainMultiLabelModel(
      examples["manager-rep"],
      MODEL_MOVES["manager-rep"],
      settings,
      settings.positiveWeight,
      settings.negligible,
      settings.scale,
    ),
    "rep-customer": trainMultiLabelModel(
      examples["rep-customer"],
      MODEL_MOVES["rep-customer"],
      settings,
      settings.positiveWeight,
      settings.negligible,
      settings.scale,
    ),
  };
}

/** The model prompts/roleplay-move-model.json should hold: trained on every turn writer, with how it was made. */
export async function trainShippedMoveModel(): Promise<MoveModelJson> {
  const settings = readRoleplaySettings();
  const reader = await makeTurnReader(settings);
  const turns = TURN_WRITER_SETS.flatMap(loadTurns);
  const models = trainMoveModels(moveExamplesOf(turns, reader), settings.training);
  const callTurns = [...turns, ...CALL_WRITER_SETS.flatMap(loadTurns)];
  const call = trainCallModel(callExamplesOf(callTurns, loadCalls(), reader), settings);
  // Every file the features are made from is an input: the writers, both cue files, the FABE model and settings.
  const inputs = [
    ...TURN_WRITER_SETS,
    ...CALL_WRITER_SETS,
    ...CALL_LABEL_SETS,
    "prompts/roleplay-moves.json",
    "prompts/roleplay-settings.json",
    "prompts/fabe-cues.json",
    "prompts/fabe-model.json",
    "prompts/fabe-settings.json",
  ];
  return {
    ...models,
    call,
    trainedOn: {
      files: [...TURN_WRITER_SETS, ...CALL_WRITER_SETS, ...CALL_LABEL_SETS],
      sha256: hashFiles(inputs),
      settings: { ...settings.training },
    },
  };
}
