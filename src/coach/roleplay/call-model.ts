import type { Features } from "../fabe/features.js";
import { LinearModelSchema } from "../fabe/linear-model.js";
import type { Mode } from "./persona.js";
import { CALLS } from "./simulate.js";

/**
 * prompts/roleplay-move-model.json `call`: one multinomial logistic regression over a whole turn that says what the
 * turn calls for from the other person (docs/roleplay-call-guide.md): an answer, a decision on what was put to them,
 * or nothing in particular. Trained on the turn writers' sets labelled for it by independent labellers
 * (evals/roleplay/calls/).
 */
export const CallModelSchema = LinearModelSchema.refine(
  (model) => model.labels.length === CALLS.length && model.labels.every((label, index) => label === CALLS[index]),
  { message: `labels must be ${CALLS.join(", ")}` },
);

/**
 * A turn's features for the call model, made of its sentences' move features (words, cue words, question marks) and
 * how each sentence opens (its first English word, its first Chinese character and pair, past a name or "okay,"
 * before a comma): an order is told by its opening verb ("Send me…", "請你…", "把…"). Each feature counts at its
 * highest over the sentences (a question asked once is asked; summing let long turns outweigh short ones), then the
 * first and the last sentence's again under names of their own, since what a turn asks is most often said last
 * ("…, 你看可以嗎?") or first ("你有沒有想過…?有的話…"), and the mode (a customer is asked other things than a
 * rep). Each choice by leaving one writer out (docs/roleplay.md).
 */
export function callFeatures(
  turn: { texts: readonly string[]; features: readonly Features[] },
  mode: Mode,
  toTraditional: (text: string) => string,
): Features {
  const sentences = turn.features.map((own, index) => {
    const withOpening = new Map(own);
    for (const name of openingOf(turn.texts[index] ?? "", toTraditional)) withOpening.set(name, 1);
    return withOpening;
  });
  const features: Features = new Map([[`mode:${mode}`, 1]]);
  for (const sentence of sentences)
    for (const [name, value] of sentence) features.set(name, Math.max(features.get(name) ?? 0, value));
  const copy = (sentence: Features | undefined, prefix: string) => {
    if (sentence) for (const [name, value] of sentence) features.set(`${prefix}:${name}`, value);
  };
  copy(sentences.at(-1), "end");
  if (sentences.length > 1) copy(sentences[0], "first");
  return features;
}

/** How a sentence opens, past a leading name or interjection and its comma ("Kai, send me…", "曉雯,先…"). */
function openingOf(text: string, toTraditional: (text: string) => string): string[] {
  const plain = toTraditional(text.normalize("NFKC"))
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, "");
  const body = plain.replace(/^[^,:\s]{1,12}[,:]\s*/u, "");
  const english = /^[a-z']+/i.exec(body)?.[0];
  if (english) return [`open:${english.toLowerCase()}`];
  const first = [...body.slice(0, 2)];
  return first.length ? [`open:${first[0]}`, `open2:${first.join("")}`] : [];
}
