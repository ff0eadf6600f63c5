import { stem } from "../../retrieval/tokenize.js";
import { type FabeCues, GROUPS, type Label } from "./cues.js";
import type { FabeSettings } from "./fabe-settings.js";

/** Named features with their values: what the trained labeller weighs. */
export type Features = Map<string, number>;

/**
 * The features of one sentence of a pitch, read in its place among the others:
 *  - the rule labeller's verdict on it and on its neighbours (classify.ts), and its cue groups and cues;
 *  - where it stands (first, last, which fifth of the pitch), a question mark, digits, percentages;
 *  - its words: Chinese character pairs (Traditional), English stems and stem pairs.
 * The cue file and the rules stay the explanation a rep sees; the weights learn how much each is worth.
 */
export function sentenceFeatures(
  sentences: readonly string[],
  /** The rules' label of every sentence (classify.ts), computed once per pitch. */
  ruleLabels: readonly Label[],
  index: number,
  cues: FabeCues,
  toTraditional: (text: string) => string,
  /** prompts/fabe-settings.json `features`: the model was trained with these, so a change means retraining. */
  settings: FabeSettings["features"],
): Features {
  const text = sentences[index] as string;
  const features: Features = new Map();
  const add = (name: string, value = 1) => features.set(name, (features.get(name) ?? 0) + value);

  const hits = cues.hits(text);
  for (const group of GROUPS) {
    const sum = hits.filter((hit) => hit.group === group).reduce((total, hit) => total + hit.weight, 0);
    if (sum > 0) add(`group:${group}`, Math.min(sum, settings.groupCap) / settings.groupScale);
    if (sum >= settings.groupStrong) add(`group2:${group}`);
    if (sum >= settings.groupStronger) add(`group3:${group}`);
  }
  for (const hit of hits) add(`cue:${hit.group}:${hit.cue.toLowerCase()}`);
  for (const violation of cues.violations(text)) add(`violation:${violation.rule}`);
  add(`rule:${ruleLabels[index]}`);
  // The neighbours' verdicts; a missing neighbour is a place in the pitch, weighed as one (below).
  if (index > 0) add(`previous:${ruleLabels[index - 1]}`);
  if (index + 1 < sentences.length) add(`next:${ruleLabels[index + 1]}`);

  if (/[??]\s*$/.test(text)) add("question");
  // Where it stands, weighed by positionWeight: writers open with greetings and close with asks, but a pitch of
  // one sentence is both first and last and is often all content.
  const place = settings.positionWeight;
  if (place > 0 && sentences.length === 1) add("only", place);
  else if (place > 0) {
    if (index === 0) add("first", place);
    if (index === sentences.length - 1) add("last", place);
    if (index === 0) add("previous:start", place);
    if (index === sentences.length - 1) add("next:end", place);
    const buckets = settings.positionBuckets;
    add(`fifth:${Math.min(buckets - 1, Math.floor((buckets * index) / sentences.length))}`, place);
  }
  if (/\d/.test(text)) add("digit");
  if (/\d+\s*(%|%|成|倍)/.test(text)) add("percent");

  addWords(text, settings.wordWeight, toTraditional, add);
  return features;
}

/**
 * A sentence's words: Chinese character pairs in Traditional, English stems and stem pairs. Digits are folded to 0,
 * so that "月租990" and "月租1299" are the same words.
 */
export function addWords(
  text: string,
  weight: number,
  toTraditional: (text: string) => string,
  add: (name: string, value: number) => void,
): void {
  const lower = toTraditional(text)
    .toLowerCase()
    .replace(/[0-9]+(?:[.,][0-9]+)*/g, "0");
  const han = [...lower.replace(/[^\p{Script=Han}0]/gu, "")];
  for (let i = 0; i + 1 < han.length; i++) add(`zh:${han[i]}${han[i + 1]}`, weight);
  const words = (lower.match(/[a-z][a-z']*|0/g) ?? []).map(stem);
  for (let i = 0; i < words.length; i++) {
    add(`en:${words[i]}`, weight);
    if (i + 1 < words.length) add(`en2:${words[i]}_${words[i + 1]}`, weight);
  }
}
