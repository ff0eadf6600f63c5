import { type Classification, classify, cuesFor } from "./classify.js";
import { type FabeCues, LABELS, type Label } from "./cues.js";
import type { FabeSettings } from "./fabe-settings.js";
import { type Features, sentenceFeatures } from "./features.js";
import type { LinearModel } from "./linear-model.js";

export interface LabelledSentence {
  text: string;
  label: Label;
  /** The words that decided the label. */
  cues: string[];
}

/**
 * Labels the sentences of a pitch: the trained model (prompts/fabe-model.json) weighs the rules' verdicts,
 * the cue words, the sentence's place in the pitch and its words; the cues shown are the cue words that speak
 * for the chosen label. Without a model, the rules alone (classify.ts).
 */
export class FabeLabeller {
  constructor(
    private readonly cues: FabeCues,
    private readonly toTraditional: (text: string) => string,
    /** prompts/fabe-settings.json: the rules' thresholds, the features' shape, the element-restoring threshold. */
    private readonly settings: Pick<FabeSettings, "rules" | "features" | "labeller">,
    private readonly model?: LinearModel,
    /** The training pitches' label-to-label log-probabilities (prompts/fabe-model.json `transitions`). */
    private readonly transitions?: readonly (readonly number[])[],
  ) {}

  label(texts: readonly string[]): LabelledSentence[] {
    return this.labelWithFeatures(texts).sentences;
  }

  /** The rules' label of one sentence, without the model. */
  rulesLabel(text: string): Label {
    return classify(text, this.cues, this.settings.rules).label;
  }

  /**
   * The labels, and each sentence's features and label probabilities (both empty without a model), which the
   * violation finder reads too.
   */
  labelWithFeatures(texts: readonly string[]): {
    sentences: LabelledSentence[];
    features: Features[];
    probabilities: number[][];
  } {
    const rules = texts.map((text) => classify(text, this.cues, this.settings.rules));
    const model = this.model;
    if (!model)
      return {
        sentences: texts.map((text, index) => ({ text, ...(rules[index] as Classification) })),
        features: [],
        probabilities: [],
      };
    const ruleLabels = rules.map((rule) => rule.label);
    const features = texts.map((_, index) =>
      sentenceFeatures(texts, ruleLabels, index, this.cues, this.toTraditional, this.settings.features),
    );
    const probabilities = features.map((sentence) => model.predict(sentence));
    const labels = this.decode(texts, probabilities);
    this.restoreElements(texts, labels, probabilities);
    const sentences = texts.map((text, index) => {
      const label = labels[index] as Label;
      const rule = rules[index] as Classification;
      return { text, label, cues: label === rule.label ? rule.cues : cuesFor(label, text, this.cues) };
    });
    return { sentences, features, probabilities };
  }

  /**
   * A pitch is judged on which elements it carries at all. When the best labels leave an element out but
   * some sentence is likely enough (> `labeller.elementProbability`, prompts/fabe-settings.json) to be it,
   * that sentence takes it — if its own label is carried by another sentence too, so no element is lost in
   * exchange. How the threshold was chosen: docs/tuning.md.
   */
  private restoreElements(
    texts: readonly string[],
    labels: Label[],
    probabilities: ReadonlyArray<readonly number[]>,
  ): void {
    for (const element of ["F", "A", "B", "E"] as const) {
      if (labels.includes(element)) continue;
      const column = LABELS.indexOf(element);
      let best = -1;
      let bestProbability = this.settings.labeller.elementProbability;
      labels.forEach((label, index) => {
        const probability = this.allowed(texts[index] as string, probabilities[index] as number[])[column] ?? 0;
        const shared = labels.filter((other) => other === label).length > 1;
        if (shared && probability > bestProbability) {
          best = index;
          bestProbability = probability;
        }
      });
      if (best >= 0) labels[best] = element;
    }
  }

  /**
   * The labels of a pitch: each sentence's most probable label the guide allows, or, when the transitions weigh
   * (`labeller.transitionWeight` > 0), the most probable sequence of them (Viterbi): a sentence the model is
   * unsure of takes the label its neighbours make likely (after an Advantage a Benefit more often than another
   * Advantage). A pitch of one sentence has no neighbours: role-play reads messages one sentence at a time.
   */
  private decode(texts: readonly string[], probabilities: ReadonlyArray<readonly number[]>): Label[] {
    const weight = this.settings.labeller.transitionWeight;
    const transitions = this.transitions;
    if (!transitions || weight <= 0 || texts.length < 2)
      return texts.map((text, index) => this.decide(text, probabilities[index] as number[]));
    const size = LABELS.length;
    const end = size;
    // A Benefit where nobody is addressed is discounted (impossible at `unaddressedBenefit` 0).
    const emissions = texts.map((text, index) =>
      this.allowed(text, probabilities[index] as number[]).map((probability) => Math.log(Math.max(probability, 1e-9))),
    );
    // A pitch's opening and close (from start, to end) weigh `labeller.edgeWeight` of the rest: most training pitches
    // end on an ask, which would otherwise push a terse pitch's closing Benefit to `other`.
    const edge = this.settings.labeller.edgeWeight;
    const step = (from: number, to: number) =>
      weight * (from === 0 || to === end ? edge : 1) * ((transitions[from] as number[])[to] as number);
    let scores = LABELS.map((_, k) => (emissions[0]![k] as number) + step(0, k));
    const back: number[][] = [];
    for (let i = 1; i < texts.length; i++) {
      const pointers: number[] = [];
      scores = LABELS.map((_, k) => {
        let best = 0;
        let bestScore = -Infinity;
        for (let j = 0; j < size; j++) {
          const score = (scores[j] as number) + step(j + 1, k);
          if (score > bestScore) {
            bestScore = score;
            best = j;
          }
        }
        pointers.push(best);
        return bestScore + (emissions[i]![k] as number);
      });
      back.push(pointers);
    }
    let last = 0;
    scores.forEach((score, k) => {
      if (score + step(k + 1, end) > (scores[last] as number) + step(last + 1, end)) last = k;
    });
    const path = [last];
    for (let i = back.length - 1; i >= 0; i--) path.unshift((back[i] as number[])[path[0] as number] as number);
    return path.map((k) => LABELS[k] as Label);
  }

  /**
   * The most probable label, a Benefit discounted where nobody is addressed: a benefit is this customer's gain, so
   * "It never jams" leans to A however much it sounds like a gain (`labeller.unaddressedBenefit`).
   */
  private decide(text: string, probabilities: readonly number[]): Label {
    const allowed = this.allowed(text, probabilities);
    const best = allowed.reduce((top, probability, index) => (probability > (allowed[top] as number) ? index : top), 0);
    return LABELS[best] as Label;
  }

  /**
   * The probabilities with a Benefit discounted where nobody is addressed (`labeller.unaddressedBenefit`); a line that
   * is only a date (a letter's 「中華民國一一五年十二月六日」, "6 December 2026") carries nothing but `other`.
   */
  private allowed(text: string, probabilities: readonly number[]): number[] {
    if (isDateLine(text)) return LABELS.map((label) => (label === "other" ? 1 : 0));
    const factor = this.addresses(text) ? 1 : this.settings.labeller.unaddressedBenefit;
    return LABELS.map((label, k) => (probabilities[k] as number) * (label === "B" ? factor : 1));
  }

  /** Whether a sentence speaks to the customer or their business (a customer cue: 您, "your team" …). */
  addresses(text: string): boolean {
    return this.cues.hits(text).some((hit) => hit.group === "customer" && hit.weight > 0);
  }
}

const NUMERAL = "[0-9０-９〇零一二三四五六七八九十]";
const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/** A date and nothing else: 2026年12月6日, 中華民國一一五年十二月六日, 2026-12-06, 6 December 2026, Dec 6, 2026. */
const DATE_LINE = new RegExp(
  [
    `(?:中華民國|中华民国|民國|民国|公元)?${NUMERAL}{2,4}\\s*年\\s*${NUMERAL}{1,2}\\s*月(?:\\s*${NUMERAL}{1,3}\\s*[日號号])?`,
    "\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}",
    `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}`,
    `(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`,
  ]
    .map((form) => `(?:${form})`)
    .join("|"),
  "iu",
);

export function isDateLine(text: string): boolean {
  const bare = text.trim().replace(/[。.，,\s]+$/u, "");
  const match = DATE_LINE.exec(bare);
  return match !== null && match.index === 0 && match[0].length === bare.length;
}
