import { z } from "zod";
import { PhraseMatcher } from "../../retrieval/phrase-matcher.js";
import { parseDataFile } from "../parse-data-file.js";

export const LABELS = ["F", "A", "B", "E", "other"] as const;
export type Label = (typeof LABELS)[number];
export const VIOLATION_RULES = [
  "casual-promise",
  "contradiction",
  "arguing",
  "bragging",
  "delaying-order",
  "no-customer",
] as const;
export type ViolationRule = (typeof VIOLATION_RULES)[number];
/** The violations the cue file has phrases for (no-customer is judged on the whole pitch). */
export const CUE_RULES = ["casual-promise", "contradiction", "arguing", "bragging", "delaying-order"] as const;
export type CueRule = (typeof CUE_RULES)[number];
export const GROUPS = ["customer", "gain", "evidence", "comparison", "greeting", "ask", "restate"] as const;
export type Group = (typeof GROUPS)[number];

const Weighted = z.record(z.string(), z.number());
const GroupCues = z.object({ zh: Weighted, en: Weighted, patterns: Weighted });
const Phrases = z.object({ zh: z.array(z.string()), en: z.array(z.string()) });

/** prompts/fabe-cues.json. */
export const FabeCuesSchema = z.object({
  groups: z.object(Object.fromEntries(GROUPS.map((group) => [group, GroupCues])) as Record<Group, typeof GroupCues>),
  violations: z.object({
    "casual-promise": Phrases,
    contradiction: Phrases,
    arguing: Phrases,
    bragging: Phrases,
    "delaying-order": Phrases,
  }),
});

export interface CueHit {
  group: Group;
  cue: string;
  weight: number;
}

/** The cue file compiled into matchers, built once. */
export class FabeCues {
  private readonly words: PhraseMatcher<{ group: Group; weight: number }>;
  /** One-character Chinese cues (您, 比, 省): the phrase matcher starts at two characters. */
  private readonly singles = new Map<string, Array<{ group: Group; weight: number }>>();
  private readonly patterns: Array<{ group: Group; pattern: RegExp; weight: number }> = [];
  private readonly violationWords: Array<{ rule: CueRule; form: string }> = [];

  constructor(
    json: unknown,
    private readonly toTraditional: (text: string) => string,
  ) {
    const cues = parseDataFile(FabeCuesSchema, json, "prompts/fabe-cues.json");
    this.words = new PhraseMatcher(toTraditional);
    for (const group of GROUPS) {
      const entry = cues.groups[group];
      for (const [form, weight] of Object.entries(entry.zh)) {
        const converted = toTraditional(form);
        if ([...converted].length === 1)
          this.singles.set(converted, [...(this.singles.get(converted) ?? []), { group, weight }]);
        else this.words.addChinese(form, { group, weight });
      }
      for (const [form, weight] of Object.entries(entry.en)) this.words.addEnglish(form, { group, weight });
      for (const [source, weight] of Object.entries(entry.patterns))
        this.patterns.push({ group, pattern: new RegExp(source, "iu"), weight });
    }
    for (const rule of CUE_RULES) {
      for (const form of [...cues.violations[rule].zh.map(toTraditional), ...cues.violations[rule].en]) {
        this.violationWords.push({ rule, form: form.toLowerCase() });
      }
    }
  }

  /** Every cue in a sentence, with the group it belongs to. */
  hits(sentence: string): CueHit[] {
    const text = this.toTraditional(sentence);
    const hits: CueHit[] = this.words
      .match(text)
      .map((hit) => ({ group: hit.value.group, cue: hit.form, weight: hit.value.weight }));
    for (const char of new Set(text)) {
      for (const { group, weight } of this.singles.get(char) ?? []) hits.push({ group, cue: char, weight });
    }
    for (const { group, pattern, weight } of this.patterns) {
      const match = pattern.exec(text);
      if (match?.[0]?.trim()) hits.push({ group, cue: match[0].trim(), weight });
    }
    return hits;
  }

  /** Violation phrases in a sentence: the rule and the (Traditional, lowercase) words that show it. */
  violations(sentence: string): Array<{ rule: CueRule; form: string }> {
    const text = this.toTraditional(sentence).toLowerCase();
    return this.violationWords.filter((entry) =>
      /^[\x20-\x7e]+$/.test(entry.form) ? wordIn(text, entry.form) : text.includes(entry.form),
    );
  }
}

function wordIn(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^a-z])${escaped}($|[^a-z])`).test(text);
}
