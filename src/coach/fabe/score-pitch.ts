import type { CorpusIndex } from "../../corpus/corpus-index.js";
import type { Chunk } from "../../corpus/types.js";
import { detectLanguage } from "../../retrieval/normalise.js";
import type { Lang } from "../../retrieval/types.js";
import { fill } from "../advice/data.js";
import { type FabeCues, LABELS, type ViolationRule } from "./cues.js";
import type { FabeSettings } from "./fabe-settings.js";
import type { FabeFeedback, Product } from "./feedback-data.js";
import type { FabeLabeller, LabelledSentence } from "./labeller.js";
import type { OffProductCheck } from "./off-product.js";
import { chooseProduct, type ProductChoice } from "./product-choice.js";
import { mergeClauses, type PitchSplitter } from "./split.js";
import type { Violation, ViolationFinder } from "./violations.js";

export type { LabelledSentence, Violation };

export interface FabeResult {
  lang: Lang;
  mode: "offline" | "llm";
  /** The model that labelled the sentences (llm mode, when its labels were kept). */
  model?: string;
  fallback?: string;
  /** The card's id, when the pitch was scored against one of our product cards. */
  product?: string;
  /** The product's name: the card's, or the rep's own product as they wrote it. */
  productName?: string;
  /** True when `product` was the rep's own product (not a card): the rewrite leaves its facts blank. */
  ownProduct?: boolean;
  /** True when the pitch is clearly about another product than the card asked for: the score is capped. */
  offProduct?: boolean;
  sentences: LabelledSentence[];
  present: { F: boolean; A: boolean; B: boolean; E: boolean };
  missing: Array<"F" | "A" | "B" | "E">;
  orderOk: boolean;
  violations: Violation[];
  score: number;
  feedback: Array<{ text: string; citations: string[] }>;
  rewrite: string;
  citations: Chunk[];
}

export interface FabeDeps {
  cues: FabeCues;
  labeller: FabeLabeller;
  feedback: FabeFeedback;
  splitter: PitchSplitter;
  violations: ViolationFinder;
  offProduct: OffProductCheck;
  /** prompts/fabe-settings.json `rubric`: the score's points. */
  rubric: FabeSettings["rubric"];
  products: readonly Product[];
  corpus: CorpusIndex;
  toTraditional: (text: string) => string;
}

const ELEMENTS = ["F", "A", "B", "E"] as const;

/**
 * Scores a pitch against FABE and the selling principles, offline: sentences and labels, what is missing,
 * the order, violations with the handbook's advice, a 0–100 score (rubric in docs/fabe.md), feedback and a
 * rewrite that keeps the rep's own sentences and adds the missing parts.
 */
export function scorePitch(
  request: { pitch: string; product?: string; lang?: Lang },
  deps: FabeDeps,
  /** Replaces the offline labels (llm mode); gets the sentences in order. */
  relabel?: (sentences: LabelledSentence[]) => LabelledSentence[],
): FabeResult {
  const lang = request.lang ?? detectLanguage(request.pitch, deps.toTraditional);
  const pieces = deps.splitter.split(request.pitch);
  const labelled = deps.labeller.labelWithFeatures(pieces.map((piece) => piece.text));
  const { labelled: classified } = mergeClauses(request.pitch, pieces, labelled.sentences, (first, second, text) => ({
    text,
    label: first.label,
    cues: [...new Set([...first.cues, ...second.cues])],
  }));
  const sentences = relabel ? relabel(classified) : classified;
  const present = { F: false, A: false, B: false, E: false };
  for (const sentence of sentences) if (sentence.label !== "other") present[sentence.label] = true;
  const missing = ELEMENTS.filter((element) => !present[element]);
  const orderOk = inOrder(sentences);
  const fabeChunk = firstChunk(deps.corpus, deps.feedback.fabeSection);
  const violations = deps.violations.find({
    pitch: request.pitch,
    // The violation model reads the sentences as the labeller did (a run-on's clauses, as it was trained);
    // no-customer reads the labels as decided (in llm mode, the model's).
    pieces: labelled.sentences.map((sentence, index) => ({
      text: sentence.text,
      features: labelled.features[index],
      benefit: labelled.probabilities[index]?.[LABELS.indexOf("B")],
    })),
    sentences,
    addresses: (text) => deps.labeller.addresses(text),
    lang,
  });
  const choice = chooseProduct(request.product, request.pitch, deps.products, deps.toTraditional);
  const product = choice.card;
  // Only a card the rep asked for can be off the point: without `product`, the card is the one the pitch names.
  const off = product && request.product ? deps.offProduct.check(request.pitch, product) : undefined;
  const scored = rubric(present, orderOk, sentences, violations, deps.rubric);
  const score = off ? Math.min(scored, deps.rubric.offProductCap) : scored;

  const feedback: FabeResult["feedback"] = [];
  const cite = (chunk: Chunk | undefined) => (chunk ? [chunk.id] : []);
  if (missing.length === 0) feedback.push({ text: deps.feedback.complete[lang], citations: cite(fabeChunk) });
  for (const element of missing)
    feedback.push({ text: deps.feedback.missing[element][lang], citations: cite(fabeChunk) });
  if (!orderOk) feedback.push({ text: deps.feedback.order[lang], citations: cite(fabeChunk) });
  for (const violation of violations) feedback.push({ text: violation.advice, citations: violation.citations });
  if (choice.own) feedback.push({ text: fill(deps.feedback.ownProduct[lang], { product: choice.own }), citations: [] });
  if (off && product) {
    const words = { product: product.name[lang], cap: String(deps.rubric.offProductCap) };
    const text =
      off === true
        ? fill(deps.feedback.offProduct[lang], words)
        : fill(deps.feedback.offProductNamed[lang], { ...words, other: off.name[lang] });
    feedback.unshift({ text, citations: [] });
  }

  return {
    lang,
    mode: "offline",
    ...(product ? { product: product.id, productName: product.name[lang] } : {}),
    ...(choice.own ? { productName: choice.own, ownProduct: true } : {}),
    ...(off ? { offProduct: true } : {}),
    sentences,
    present,
    missing,
    orderOk,
    violations,
    score,
    feedback,
    rewrite: rewrite(sentences, missing, violations, choice, lang, deps.feedback),
    citations: [fabeChunk, ...violationChunks(violations, deps.corpus)].filter(
      (chunk): chunk is Chunk => chunk !== undefined,
    ),
  };
}

/** F → A → B → E by first appearance; elements that are absent do not count against the order. */
function inOrder(sentences: readonly LabelledSentence[]): boolean {
  const firsts = ELEMENTS.map((element) => sentences.findIndex((sentence) => sentence.label === element)).filter(
    (index) => index >= 0,
  );
  return firsts.every((index, i) => i === 0 || index >= (firsts[i - 1] as number));
}

/** The rubric of docs/fabe.md, with its points from prompts/fabe-settings.json; the result is kept within 0–100. */
function rubric(
  present: FabeResult["present"],
  orderOk: boolean,
  sentences: readonly LabelledSentence[],
  violations: readonly Violation[],
  points: FabeSettings["rubric"],
): number {
  let score = ELEMENTS.filter((element) => present[element]).length * points.perElement;
  if (orderOk && present.F && present.B) score += points.orderBonus;
  // Concrete: an evidence cue with a figure in it or long enough to name something (not 像 or 獎 alone).
  const concrete = (cue: string) => /\d/.test(cue) || cue.length >= points.concreteEvidenceMinChars;
  const concreteEvidence = sentences.some((sentence) => sentence.label === "E" && sentence.cues.some(concrete));
  if (concreteEvidence) score += points.concreteEvidenceBonus;
  const penalty: Record<ViolationRule, number> = points.penalty;
  for (const violation of violations) score -= penalty[violation.rule];
  return Math.max(0, Math.min(100, score));
}

function rewrite(
  sentences: readonly LabelledSentence[],
  missing: ReadonlyArray<"F" | "A" | "B" | "E">,
  violations: readonly Violation[],
  choice: ProductChoice,
  lang: Lang,
  feedback: FabeFeedback,
): string {
  const firstContent = sentences.findIndex((sentence) => sentence.label !== "other");
  const opening = sentences.slice(0, Math.max(0, firstContent)).map((sentence) => sentence.text);
  const closing = sentences
    .slice(Math.max(0, firstContent))
    .filter((sentence) => sentence.label === "other")
    .map((sentence) => sentence.text);
  const promised = new Set(
    violations.filter((violation) => violation.rule === "casual-promise").map((violation) => violation.quote),
  );
  const body: string[] = [];
  for (const element of ["F", "A", "B", "E"] as const) {
    const own = sentences.filter((sentence) => sentence.label === element);
    for (const sentence of own) {
      const fix = [...promised].some((quote) => sentence.text.includes(quote)) ? feedback.fixPromise[lang] : "";
      body.push(`${sentence.text}${fix}`);
    }
    if (missing.includes(element))
      body.push(fromCard(element, choice.card, lang, feedback) ?? blank(element, choice, lang, feedback));
  }
  return [...opening, ...body, ...closing].join(lang === "en" ? " " : "");
}

function fromCard(
  element: "F" | "A" | "B" | "E",
  product: Product | undefined,
  lang: Lang,
  feedback: FabeFeedback,
): string | undefined {
  if (!product) return undefined;
  const list = { F: product.features, A: product.advantages, B: product.benefits, E: product.evidence }[element];
  const line = list[0]?.[lang];
  return line ? `${feedback.fromCard[lang]}${line}` : undefined;
}

/** A marked blank for a missing element; for the rep's own product, the blank names it. */
function blank(element: "F" | "A" | "B" | "E", choice: ProductChoice, lang: Lang, feedback: FabeFeedback): string {
  return choice.own
    ? fill(feedback.ownPlaceholder[element][lang], { product: choice.own })
    : feedback.placeholder[element][lang];
}

/** The chunks the violations cite, each once. */
function violationChunks(violations: readonly Violation[], corpus: CorpusIndex): Array<Chunk | undefined> {
  return [...new Set(violations.flatMap((violation) => violation.citations))].map((id) => corpus.chunk(id));
}

function firstChunk(corpus: CorpusIndex, sectionId: string): Chunk | undefined {
  const id = corpus.sections.find((section) => section.id === sectionId)?.chunkIds[0];
  return id ? corpus.chunk(id) : undefined;
}
