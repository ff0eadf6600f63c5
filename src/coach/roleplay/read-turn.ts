import { z } from "zod";
import { PhraseMatcher } from "../../retrieval/phrase-matcher.js";
import type { FabeService } from "../fabe/fabe-service.js";
import { parseDataFile } from "../parse-data-file.js";
import type { Mode, Move } from "./persona.js";

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

/**
 * Reads what the user did in a turn, sentence by sentence: manager moves from prompts/roleplay-moves.json;
 * in rep-customer mode also F/A/B/E, casual promises and arguing from the FABE drill's classifier.
 */
export class TurnReader {
  private readonly matchers: Record<Mode, PhraseMatcher<{ move: Move; weight: number }>>;

  constructor(
    cuesJson: unknown,
    private readonly fabe: FabeService,
    private readonly toTraditional: (text: string) => string,
    /** A cue sentence needs this much weight to count as the move (prompts/roleplay-settings.json). */
    private readonly threshold: number,
  ) {
    const cues = parseDataFile(MoveCuesSchema, cuesJson, "prompts/roleplay-moves.json");
    this.matchers = {
      "manager-rep": new PhraseMatcher(toTraditional),
      "rep-customer": new PhraseMatcher(toTraditional),
    };
    for (const mode of ["manager-rep", "rep-customer"] as const) {
      for (const [move, forms] of Object.entries(cues[mode])) {
        for (const [form, weight] of Object.entries(forms.zh))
          this.matchers[mode].addChinese(form, { move: move as Move, weight });
        for (const [form, weight] of Object.entries(forms.en))
          this.matchers[mode].addEnglish(form, { move: move as Move, weight });
      }
    }
  }

  read(text: string, mode: Mode): ReadMove[] {
    const found: ReadMove[] = [];
    const add = (move: Move, quote: string) => {
      if (!found.some((item) => item.move === move)) found.push({ move, quote });
    };
    for (const span of this.fabe.split(text)) {
      // Quotes stay the user's own words; matching sees one width of punctuation and one script.
      const sentence = span.text;
      const weights = new Map<Move, number>();
      for (const hit of this.matchers[mode].match(this.toTraditional(sentence.normalize("NFKC")))) {
        weights.set(hit.value.move, (weights.get(hit.value.move) ?? 0) + hit.value.weight);
      }
      for (const [move, weight] of weights) if (weight >= this.threshold) add(move, sentence);
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
    return found;
  }
}
