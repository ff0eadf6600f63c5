import { z } from "zod";
import { PhraseMatcher } from "../../retrieval/phrase-matcher.js";
import type { Label } from "../fabe/cues.js";
import type { FabeService } from "../fabe/fabe-service.js";
import type { Features } from "../fabe/features.js";
import { LinearModel } from "../fabe/linear-model.js";
import { parseDataFile } from "../parse-data-file.js";
import { callFeatures } from "./call-model.js";
import { type MoveFeatureSettings, moveFeatures } from "./move-features.js";
import type { MoveModelJson } from "./move-model.js";
import type { Mode, Move } from "./persona.js";
import type { Call } from "./simulate.js";

const Cues = z.record(
  z.string(),
  z.object({ zh: z.record(z.string(), z.number()), en: z.record(z.string(), z.number()) }),
);
export const MoveCuesSchema = z.object({ "manager-rep": Cues, "rep-customer": Cues });

/** One recognised move, with the user's words that showed it. */
export interface ReadMove {
  move: Move;
  quote: string;
}

/** prompts/roleplay-settings.json: how sure the move model must be, and the shape of its features. */
export interface TurnReaderSettings {
  /** Without a model: the cue weight one sentence needs for its move to count. */
  moveThreshold: number;
  /** With the model: the probability a sentence needs for a move to count (a sentence can make several). */
  moveProbability: number;
  /**
   * Moves that need another probability than `moveProbability`, keyed `mode/move` (chosen by
   * evals/roleplay/choose-thresholds.ts).
   */
  moveThresholds?: Readonly<Record<string, number>>;
  /**
   * A turn in which no move reaches its own threshold reads the moves that reach this instead: someone who says
   * something in a practice talk nearly always does something (docs/roleplay.md). Absent: no second look.
   */
  fallbackProbability?: number;
  /** Offer moves, then question moves (`answerFirst`): what they say of a turn's call, and how much (`call.moveWeight`). */
  answerFirst: ReadonlyArray<readonly string[]>;
  call: { moveWeight: number };
  /** Pairs of moves one sentence cannot make together: only the likelier is kept. */
  exclusive: ReadonlyArray<readonly string[]>;
  features: MoveFeatureSettings;
}

/** A turn cut into sentences, each with what the move model reads. */
export interface TurnSentences {
  texts: string[];
  features: Features[];
  /** rep-customer: the FABE labeller's label of each sentence, the turn read as one pitch. */
  fabeLabels: Label[];
}

/**
 * Reads what the user did in a turn, sentence by sentence. With the trained move model
 * (prompts/roleplay-move-model.json, `npm run roleplay:train`), every move whose probability reaches its threshold
 * (`moveThresholds`, else `moveProbability`), or, in a turn where none does, `fallbackProbability` (a rep's F/A/B/E
 * weigh the FABE labeller's label, the turn read as a short pitch). Without a
 * model, the cue words of prompts/roleplay-moves.json alone.
 */
export class TurnReader {
  private readonly matchers: Record<Mode, PhraseMatcher<{ move: string; weight: number }>>;
  private models?: Record<Mode, LinearModel>;
  private callModel?: LinearModel;

  constructor(
    cuesJson: unknown,
    private readonly fabe: FabeService,
    private readonly toTraditional: (text: string) => string,
    private readonly settings: TurnReaderSettings,
    /**
     * The move model, or how to get it on the first turn that needs it: the server then starts without building
     * it (its weights are a few MiB of memory an idle server does not need).
     */
    private model?: MoveModelJson | (() => MoveModelJson),
  ) {
    const cues = parseDataFile(MoveCuesSchema, cuesJson, "prompts/roleplay-moves.json");
    this.matchers = {
      "manager-rep": new PhraseMatcher(toTraditional),
      "rep-customer": new PhraseMatcher(toTraditional),
    };
    for (const mode of ["manager-rep", "rep-customer"] as const) {
      for (const [move, forms] of Object.entries(cues[mode])) {
        for (const [form, weight] of Object.entries(forms.zh)) this.matchers[mode].addChinese(form, { move, weight });
        for (const [form, weight] of Object.entries(forms.en)) this.matchers[mode].addEnglish(form, { move, weight });
      }
    }
  }

  /** The sentences of a turn and their features: what the move model reads, and what it is trained on. */
  sentences(text: string, mode: Mode): TurnSentences {
    // Quotes stay the user's own words; matching sees one width of punctuation and one script.
    const texts = this.fabe.split(text).map((span) => span.text);
    const fabeLabels = mode === "rep-customer" ? this.fabe.labelSentences(texts) : [];
    const features = texts.map((_, index) =>
      moveFeatures(
        {
          sentences: texts,
          index,
          cues: this.cueWeights(texts[index] as string, mode),
          ...(mode === "rep-customer"
            ? {
                fabeLabel: fabeLabels[index] as string,
                violations: this.fabe.violationsIn(texts[index] as string).map((violation) => violation.rule),
              }
            : {}),
        },
        this.toTraditional,
        this.settings.features,
      ),
    );
    return { texts, features, fabeLabels };
  }

  read(text: string, mode: Mode): ReadMove[] {
    return this.understand(text, mode).moves;
  }

  /**
   * The moves a turn makes and, with the trained model, what it calls for from the other person (call-model.ts):
   * the sentences are cut and weighed once for both.
   */
  understand(text: string, mode: Mode): { moves: ReadMove[]; call?: Call } {
    const found: ReadMove[] = [];
    const add = (move: ReadMove["move"], quote: string) => {
      if (!found.some((item) => item.move === move)) found.push({ move, quote });
    };
    const model = this.modelFor(mode);
    if (!model) {
      this.readByCues(text, mode, add);
      return { moves: found };
    }
    const turn = this.sentences(text, mode);
    const readAt = (threshold: (move: string) => number) =>
      turn.texts.forEach((sentence, index) => {
        const probabilities = model.predictEach(turn.features[index] as Features);
        const passed = model.labels.filter((move, k) => (probabilities[k] as number) >= threshold(move));
        const probability = (move: string) => probabilities[model.labels.indexOf(move)] as number;
        // Two moves one sentence cannot both make (praise and a scolding: sarcasm is one of them) keep the likelier.
        const outranked = (move: string) =>
          this.settings.exclusive.some(
            (pair) =>
              pair.includes(move) &&
              pair.some((other) => other !== move && passed.includes(other) && probability(other) > probability(move)),
          );
        for (const move of passed) if (!outranked(move)) add(move as Move, sentence);
      });
    readAt((move) => this.threshold(mode, move));
    const fallback = this.settings.fallbackProbability;
    if (found.length === 0 && fallback !== undefined) readAt(() => fallback);
    return { moves: found, ...(this.callModel ? { call: this.callOf(turn, mode, found, this.callModel) } : {}) };
  }

  /**
   * What the turn calls for: the call model's likeliest label, once an offer move read has added `call.moveWeight`
   * to `decide` and a question move to `answer`. The two readers err apart: the call model reads the whole turn,
   * the move model each sentence with its own writers' data (docs/roleplay.md).
   */
  private callOf(turn: TurnSentences, mode: Mode, moves: readonly ReadMove[], model: LinearModel): Call {
    const probabilities = model.predict(callFeatures(turn, mode, this.toTraditional));
    const [offers = [], questions = []] = this.settings.answerFirst;
    const weight = this.settings.call.moveWeight;
    const scores = model.labels.map((label, k) => {
      const kinds = label === "decide" ? offers : label === "answer" ? questions : [];
      return (probabilities[k] as number) + (moves.some(({ move }) => kinds.includes(move)) ? weight : 0);
    });
    return model.labels[scores.indexOf(Math.max(...scores))] as Call;
  }

  /** The probability a sentence needs to make `move`. */
  threshold(mode: Mode, move: string): number {
    return this.settings.moveThresholds?.[`${mode}/${move}`] ?? this.settings.moveProbability;
  }

  /**
   * Each sentence's probability of each move (the model's labels), as `read` weighs them: what the thresholds are
   * chosen on. Empty without a model.
   */
  probabilities(text: string, mode: Mode): { labels: readonly string[]; sentences: number[][] } {
    const model = this.modelFor(mode);
    if (!model) return { labels: [], sentences: [] };
    const turn = this.sentences(text, mode);
    return { labels: model.labels, sentences: turn.features.map((features) => model.predictEach(features)) };
  }

  private modelFor(mode: Mode): LinearModel | undefined {
    if (!this.models && this.model) {
      const json = typeof this.model === "function" ? this.model() : this.model;
      this.models = {
        "manager-rep": new LinearModel(json["manager-rep"]),
        "rep-customer": new LinearModel(json["rep-customer"]),
      };
      if (json.call) this.callModel = new LinearModel(json.call);
      // The models hold copies: the file's text and parsed arrays can go.
      this.model = undefined;
    }
    return this.models?.[mode];
  }

  /** Cue weight per move in one sentence (prompts/roleplay-moves.json). */
  private cueWeights(sentence: string, mode: Mode): Map<string, number> {
    const weights = new Map<string, number>();
    for (const hit of this.matchers[mode].match(this.toTraditional(sentence.normalize("NFKC"))))
      weights.set(hit.value.move, (weights.get(hit.value.move) ?? 0) + hit.value.weight);
    return weights;
  }

  /** The first wave's reading, without a trained model: cue words, and the FABE labeller and violation cues. */
  private readByCues(text: string, mode: Mode, add: (move: ReadMove["move"], quote: string) => void): void {
    for (const span of this.fabe.split(text)) {
      const sentence = span.text;
      for (const [move, weight] of this.cueWeights(sentence, mode))
        if (weight >= this.settings.moveThreshold) add(move as Move, sentence);
      if (mode === "rep-customer") {
        const label = this.fabe.classify(sentence).label;
        if (label !== "other") add(label, sentence);
        // The guide's own test for a benefit (the customer named and a gain for them) is enough for a benefit
        // offered in conversation: the model, trained on written pitches, is stricter with a spoken turn.
        if (this.fabe.rulesLabel(sentence) === "B") add("B", sentence);
        for (const violation of this.fabe.violationsIn(sentence)) {
          if (violation.rule === "casual-promise") add("casual-promise", sentence);
          else if (violation.rule === "contradiction" || violation.rule === "arguing") add("arguing", sentence);
        }
      }
    }
  }
}
