import { addWords, type Features } from "../fabe/features.js";

/** What the turn reader knows of one sentence of a turn before weighing it (read-turn.ts). */
export interface SentenceReading {
  /** The sentences of the turn, as the FABE splitter cuts them. */
  sentences: readonly string[];
  index: number;
  /** Cue weight per move of prompts/roleplay-moves.json found in the sentence. */
  cues: ReadonlyMap<string, number>;
  /** rep-customer: the FABE labeller's label of the sentence, read with the rest of the turn as a pitch. */
  fabeLabel?: string;
  /** rep-customer: the selling-principle rules whose cue words the sentence holds (prompts/fabe-cues.json). */
  violations?: readonly string[];
}

/** prompts/roleplay-settings.json `features`: the move model was trained with these, so a change means retraining. */
export interface MoveFeatureSettings {
  /** How much each word (character pair, English stem or stem pair) weighs. */
  wordWeight: number;
  /** Cue weights are capped at this before scaling. */
  cueCap: number;
  /** How much the neighbouring sentences' words weigh (a move is often told over two or three sentences). */
  contextWeight: number;
}

/**
 * The features of one sentence of a role-play turn: its cue words by move (the hand-written cue file stays the
 * explanation; the weights learn what each is worth), for a rep the FABE label and the selling-principle cues, a
 * question mark, digits, its place in the turn, and its words (Chinese character pairs in Traditional, English
 * stems and stem pairs, as the FABE labeller reads them).
 */
export function moveFeatures(
  reading: SentenceReading,
  toTraditional: (text: string) => string,
  settings: MoveFeatureSettings,
): Features {
  const { sentences, index } = reading;
  const text = sentences[index] as string;
  const features: Features = new Map();
  const add = (name: string, value = 1) => features.set(name, (features.get(name) ?? 0) + value);
  for (const [move, weight] of reading.cues) add(`cue:${move}`, Math.min(weight, settings.cueCap) / settings.cueCap);
  if (reading.fabeLabel) add(`fabe:${reading.fabeLabel}`);
  for (const rule of reading.violations ?? []) add(`violation:${rule}`);
  if (/[?？]\s*$/.test(text)) add("question");
  else if (/[?？]/.test(text)) add("question-inside");
  if (/[!！]/.test(text)) add("exclaim");
  if (/\d/.test(text)) add("digit");
  if (sentences.length === 1) add("only");
  else {
    if (index === 0) add("first");
    if (index === sentences.length - 1) add("last");
  }
  addWords(text, settings.wordWeight, toTraditional, add);
  if (settings.contextWeight > 0) {
    // The neighbours' words count as the sentence's own, weighed less: a move told over two sentences is read in
    // both, and no feature is added (the Worker's size; and better than names of their own, docs/tuning.md).
    if (index > 0) addWords(sentences[index - 1] as string, settings.contextWeight, toTraditional, add);
    if (index + 1 < sentences.length)
      addWords(sentences[index + 1] as string, settings.contextWeight, toTraditional, add);
  }
  return features;
}
