import { escapeRegExp } from "../../corpus/clean-page.js";
import type { CorpusIndex } from "../../corpus/corpus-index.js";
import type { Lang } from "../../retrieval/types.js";
import type { FabeCues, ViolationRule } from "./cues.js";
import { NO_VIOLATION } from "./fabe-model.js";
import type { FabeSettings } from "./fabe-settings.js";
import type { Features } from "./features.js";
import type { FabeFeedback } from "./feedback-data.js";
import type { LabelledSentence } from "./labeller.js";
import type { LinearModel } from "./linear-model.js";

export interface Violation {
  rule: ViolationRule;
  /** The rep's own words that break the principle: a sentence, or the whole pitch for `no-customer`. */
  quote: string;
  advice: string;
  /** The handbook's words the principle comes from, in the answer's language. */
  principle: string;
  /** The handbook chunk that holds those words. */
  citations: string[];
}

/**
 * Finds where a pitch breaks the handbook's selling principles (4.3.2.4) and visit etiquette (4.3.1.2), judged on
 * the whole pitch:
 *  - a sentence that promises casually, contradicts or argues with the customer, brags, or lets an order wait:
 *    the trained violation model (prompts/fabe-model.json `violations`) reads each sentence with the same
 *    features as the labeller, and flags it when a rule is likely enough (`violations.probability`); without a
 *    model, the cue file's phrases for the five;
 *  - `no-customer` only when nothing in the pitch speaks to the customer or their situation: no sentence is a
 *    Benefit or likely one (`addressed.benefitAt`), addresses them (您, "your team"), asks them something or opens
 *    by naming them ("Hi Jonas", 王總, 罗工, "Mrs Okafor", a letter's 「尊敬的某某交易中心：」) — and the addressed model
 *    (prompts/fabe-model.json `addressed`) finds it at least `addressed.learnedAt` likely that no sentence speaks to
 *    them. A single feature sentence in a pitch that does is never a violation.
 */
export class ViolationFinder {
  private readonly citations: Map<ViolationRule, string[]>;
  /** A sentence that opens by naming the customer: 「王總，」, "Hi Jonas", "boss,". */
  private readonly namesCustomer: RegExp;
  private readonly probability: (rule: string) => number;
  /** A sentence at least this likely a Benefit speaks of the customer's situation (0: only its label counts). */
  private readonly benefitAt: number;
  /** `no-customer` needs the addressed model's P(no sentence speaks to the customer) at least this (0: rules only). */
  private readonly learnedAt: number;
  /** With the addressed model: whether the rules must also find nobody addressed. */
  private readonly ruleGate: boolean;

  constructor(
    private readonly cues: FabeCues,
    private readonly feedback: FabeFeedback["violations"],
    corpus: CorpusIndex,
    settings: FabeSettings["violations"],
    private readonly model?: LinearModel,
    /** prompts/fabe-model.json `addressed`: how likely a sentence speaks to the customer, learned from whole pitches. */
    private readonly addressedModel?: LinearModel,
  ) {
    const byRule: Partial<Record<string, number>> = settings.ruleProbability;
    this.probability = (rule) => byRule[rule] ?? settings.probability;
    this.benefitAt = settings.addressed.benefitAt;
    this.namesCustomer = customerNamer(settings.addressed);
    this.learnedAt = settings.addressed.learnedAt;
    this.ruleGate = settings.addressed.ruleGate > 0;
    this.citations = new Map(
      (Object.keys(feedback) as ViolationRule[]).map((rule) => [
        rule,
        [chunkHolding(corpus, feedback[rule].principle)],
      ]),
    );
  }

  find(input: {
    pitch: string;
    /** The sentences as the labeller read them (a run-on's clauses before they are merged), with their features. */
    pieces: ReadonlyArray<{
      text: string;
      features: Features | undefined;
      /** How likely the labeller found the sentence a Benefit, before discounting one that names nobody. */
      benefit?: number | undefined;
    }>;
    /** The sentences with their final labels. */
    sentences: readonly LabelledSentence[];
    addresses: (text: string) => boolean;
    lang: Lang;
  }): Violation[] {
    const { sentences, lang } = input;
    const found: Violation[] = [];
    const add = (rule: ViolationRule, quote: string) => {
      if (found.some((violation) => violation.rule === rule && violation.quote === quote)) return;
      const { advice, principle } = this.feedback[rule];
      found.push({
        rule,
        quote,
        advice: advice[lang],
        principle: principle[lang],
        citations: this.citations.get(rule)!,
      });
    };
    const model = this.model;
    for (const { text, features } of input.pieces) {
      if (model && features) {
        const probabilities = model.predict(features);
        let best = -1;
        probabilities.forEach((value, column) => {
          if (
            model.labels[column] !== NO_VIOLATION &&
            value > this.probability(model.labels[column] as string) &&
            value > (probabilities[best] ?? 0)
          )
            best = column;
        });
        if (best >= 0) add(model.labels[best] as ViolationRule, text);
      } else for (const hit of this.cues.violations(text)) add(hit.rule, text);
    }
    const aboutCustomer =
      sentences.some((sentence) => sentence.label === "B") ||
      input.pieces.some(
        ({ text, benefit }) =>
          input.addresses(text) ||
          /[?\uFF1F]/.test(text) ||
          this.namesCustomer.test(text) ||
          // A gain told to the reader without naming them (「下班回家十分鐘就能開飯」) is about their situation.
          (this.benefitAt > 0 && (benefit ?? 0) >= this.benefitAt),
      );
    const learned = this.addressedModel;
    let flagged = !aboutCustomer;
    if (learned && this.learnedAt > 0 && (!this.ruleGate || flagged)) {
      let nobody = 1;
      for (const { text, features } of input.pieces)
        if (features)
          nobody *=
            1 -
            (learned.predict(
              addressedFeatures(features, {
                addresses: input.addresses(text),
                names: this.namesCustomer.test(text),
              }),
            )[1] as number);
      flagged = nobody >= this.learnedAt;
    }
    if (sentences.length > 0 && flagged) add("no-customer", input.pitch.trim());
    return found;
  }
}

/**
 * A sentence that opens by naming the customer: a title after up to four characters and before a pause or a greeting
 * (王總，, 林小姐您好), a greeting before a name that is not one of `generic` ("Hi Jonas", not "Hi there"), or a
 * letter's salutation that names someone (尊敬的 before a name, or a line ending in 鈞鑒/台鑒).
 */
export function customerNamer(addressed: FabeSettings["violations"]["addressed"]): RegExp {
  const any = (words: readonly string[]) => words.map(escapeRegExp).join("|");
  const title = `\\S{0,4}(?:${any(addressed.titles)})(?=[\\s,.!:;，、：！～~]|$|好|您好|你好)`;
  const greeting = `(?:${any(addressed.greetings)})\\s+(?!(?:${any(addressed.generic)})\\b)[\\p{L}]`;
  // A letter's salutation names its addressee: 「尊敬的某某市交易中心：」, 「○○診所　院長　道鑒：」 (not 「尊敬的客戶：」).
  const salutation = `(?:${any(addressed.salutations)})(?!(?:${any(addressed.genericZh)}))\\p{L}|[^\\n]{1,40}?(?:${any(addressed.letterTerms)})`;
  return new RegExp(`^\\s*(?:${title}|${greeting}|${salutation})`, "iu");
}

/**
 * What the addressed model reads of a sentence: the labeller's features, and whether the rules see the customer
 * addressed in it (a customer cue) or named at its start.
 */
export function addressedFeatures(features: Features, signs: { addresses: boolean; names: boolean }): Features {
  const all = new Map(features);
  if (signs.addresses) all.set("addressed:cue", 1);
  if (signs.names) all.set("addressed:names", 1);
  return all;
}

/** The chunk of the principle's section that holds its handbook words; a data file that cites none fails at load. */
function chunkHolding(corpus: CorpusIndex, principle: { section: string; "zh-Hant": string }): string {
  const section = corpus.sections.find((candidate) => candidate.id === principle.section);
  const id = section?.chunkIds.find((chunkId) => corpus.chunk(chunkId)?.text.includes(principle["zh-Hant"]));
  if (!id)
    throw new Error(
      `prompts/fabe-feedback.json: no chunk of section ${principle.section} holds 「${principle["zh-Hant"]}」`,
    );
  return id;
}
