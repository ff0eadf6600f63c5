import { z } from "zod";
import { parseDataFile } from "../parse-data-file.js";
import { type AdviceSettings, AdviceSettingsSchema } from "./advice-settings.js";

const Localised = z.object({ "zh-Hant": z.string(), "zh-Hans": z.string(), en: z.string() });

const DiagnosisValue = z.object({
  value: z.string(),
  label: Localised,
  concepts: z.array(z.string()),
  zh: z.array(z.string()),
  en: z.array(z.string()),
});

/** prompts/diagnosis.json: how a scenario is read. */
export const DiagnosisDataSchema = z.object({
  /** Who the scenario is about (docs/advice-scenarios-guide.md): one rep, several, the team, the manager … */
  who: z.array(DiagnosisValue),
  tenure: z.array(DiagnosisValue),
  stage: z.array(DiagnosisValue),
  type: z.array(DiagnosisValue),
  performance: z.array(DiagnosisValue),
  problem: z.array(DiagnosisValue),
  /** A combination of findings that calls for one handbook passage. */
  focus: z.array(
    z.object({
      when: z.object({
        tenure: z.string().optional(),
        stage: z.string().optional(),
        type: z.string().optional(),
        performance: z.string().optional(),
        problem: z.string().optional(),
      }),
      concept: z.string(),
    }),
  ),
});

/** prompts/advice-offline.json: the offline composer's wording. */
export const AdviceTemplatesSchema = z.object({
  who: Localised,
  whoUnknown: Localised,
  /** Who the scenario is about, when it is not one rep of a known tenure (the team, the manager, a customer …). */
  whoOther: Localised,
  typeClause: Localised,
  stageClause: Localised,
  problemClause: Localised,
  summaryTail: Localised,
  summaryPlain: Localised,
  listJoin: Localised,
  titleQuote: Localised,
  /** A title from a user's playbook, so a reader never takes it for the handbook's. */
  playbookTitleQuote: Localised,
  step: Localised,
  /** A step quoting a passage with no separate English (a playbook's): the quote alone. */
  stepUntranslated: Localised,
  talkTrack: z.object({ basis: z.string(), lines: z.array(Localised.extend({ step: z.string() })).min(3) }),
  watch: z.object({
    basis: z.string(),
    attitude: Localised,
    knowledge: Localised,
    skill: Localised,
    manager: Localised,
    default: Localised,
  }),
  abstain: Localised,
  nearest: Localised,
  /** The CLI's headings (format-text.ts). */
  terminal: z.object({ steps: Localised, talk: Localised, watch: Localised, sources: Localised, fallback: Localised }),
  /** How llm mode's prompt names the language to answer in. */
  replyLanguage: Localised,
});

export type DiagnosisData = z.infer<typeof DiagnosisDataSchema>;
export type DiagnosisValue = z.infer<typeof DiagnosisValue>;
export type AdviceTemplates = z.infer<typeof AdviceTemplatesSchema>;

export interface AdviceData {
  diagnosis: DiagnosisData;
  templates: AdviceTemplates;
  settings: AdviceSettings;
}

/** Validates the three data files once, at startup; the error names the file and the field at fault. */
export function parseAdviceData(diagnosisJson: unknown, templatesJson: unknown, settingsJson: unknown): AdviceData {
  return {
    diagnosis: parseDataFile(DiagnosisDataSchema, diagnosisJson, "prompts/diagnosis.json"),
    templates: parseDataFile(AdviceTemplatesSchema, templatesJson, "prompts/advice-offline.json"),
    settings: parseDataFile(AdviceSettingsSchema, settingsJson, "prompts/advice-settings.json"),
  };
}

/** Fills `{slot}`s; a slot without a value is left visible rather than silently dropped. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
