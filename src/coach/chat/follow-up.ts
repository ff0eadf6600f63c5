import type { Lang } from "../../retrieval/types.js";
import type { AdviceContext } from "../advice/advise.js";
import type { Diagnosis, Finding } from "../advice/diagnose.js";
import type { RepDerived } from "./rep-file.js";
import type { Carried, ConversationState, RepNote, RepRecord } from "./types.js";

/** How many of the manager's earlier messages a follow-up is read with, and how much of each. */
export const EARLIER_KEPT = 2;
const EARLIER_CHARS = 600;

/** Settings of the follow-up reading (prompts/advice-settings.json `followUp`). */
export interface FollowUpSettings {
  /** The fit of a passage an earlier answer quoted is multiplied by this: the follow-up wants the next thing. */
  quotedWeight: number;
  /** The weight of the follow-up read alone, against 1 for the follow-up read with the conversation before it. */
  aloneWeight: number;
  /** Passages an answer in a conversation keeps at least, best first, whatever their fit. */
  minPassages: number;
}

/** A rep's file as the advice reads it. */
export interface RepContext {
  rep: RepRecord;
  derived: RepDerived;
  /** The file's latest notes, newest first. */
  notes: readonly RepNote[];
}

/** Everything a conversation's next answer is read with. */
export interface FollowUpInput {
  text: string;
  lang: Lang;
  state: ConversationState;
  rep?: RepContext;
}

/** What the advice service is asked: the text to read, and the context it is read in. */
export interface FollowUpRequest {
  /** The ways to read the message, the fullest last (its words and diagnosis frame the answer). */
  readings: Array<{ scenario: string; weight: number }>;
  context: AdviceContext;
}

/**
 * The scenario the advice pipeline reads for a message in a conversation. A follow-up ("那如果他直接拒絕呢？") says
 * little on its own: the manager's earlier message is read after it, so retrieval and the diagnosis see who "他" is
 * and what is going on, while the follow-up's own words come first. A rep's file adds one sentence in the message's
 * language with the rep's tenure (and type), in the words a manager would have typed ("小林入職3週，是新人"), so
 * retrieval, the diagnosis and its explicit-duration rule read the file exactly as they read the text.
 */
export function followUpRequest(
  input: FollowUpInput,
  settings: FollowUpSettings,
  labels: DiagnosisLabels,
): FollowUpRequest {
  const repLine = input.rep ? repSentence(input.rep, input.lang) : undefined;
  const withFileLine = (parts: string[]) => (repLine ? [...parts, repLine] : parts).join("\n");
  const earlier = [...input.state.earlier].reverse().map((text) => text.slice(0, EARLIER_CHARS));
  const readings = [{ scenario: withFileLine([input.text, ...earlier]), weight: 1 }];
  if (earlier.length > 0 && settings.aloneWeight > 0)
    readings.unshift({ scenario: withFileLine([input.text]), weight: settings.aloneWeight });
  const quoted = new Set(input.state.cited.flat());
  return {
    readings,
    context: {
      adjustDiagnosis: (diagnosis) => withFile(diagnosis, input.rep, input.lang, labels),
      ...(input.rep?.derived.tenureGroup ? { tenureKnown: true } : {}),
      minPassages: settings.minPassages,
      reading: "conversation",
      ...(quoted.size > 0 ? { quoted: { ids: quoted, weight: settings.quotedWeight } } : {}),
    },
  };
}

/** The labels of diagnosis values in each language (prompts/diagnosis.json). */
export type DiagnosisLabels = (
  dimension: "who" | "tenure" | "type" | "stage" | "performance",
  value: string,
  lang: Lang,
) => string | undefined;

/** A rep's file decides tenure (from its start date) and type; the text decides the rest. */
function withFile(diagnosis: Diagnosis, rep: RepContext | undefined, lang: Lang, labels: DiagnosisLabels): Diagnosis {
  if (!rep) return diagnosis;
  const evidence = fileEvidence(rep, lang);
  const finding = (dimension: "who" | "tenure" | "type", value: string): Finding => ({
    value,
    label: labels(dimension, value, lang) ?? value,
    cues: [evidence],
  });
  const adjusted: Diagnosis = { ...diagnosis };
  // A message in a rep's conversation is about that rep unless it clearly says the team, several reps or a customer.
  if (!adjusted.who || adjusted.who.value === "manager" || adjusted.who.value === "candidate")
    adjusted.who = finding("who", "rep");
  const aboutRep = adjusted.who.value === "rep" || adjusted.who.value === "reps";
  if (aboutRep && rep.derived.tenureGroup) adjusted.tenure = finding("tenure", rep.derived.tenureGroup);
  if (aboutRep && rep.rep.type && rep.derived.tenureGroup !== "veteran") adjusted.type = finding("type", rep.rep.type);
  return adjusted;
}

/** "檔案：入職 3 週" / "file: started 3 weeks ago": the evidence shown beside what the file decided. */
function fileEvidence(rep: RepContext, lang: Lang): string {
  const months = rep.derived.tenureMonths;
  const since = months === undefined ? "" : duration(months, lang);
  if (lang === "en") return since ? `file: started ${since} ago` : "file";
  const word = lang === "zh-Hans" ? "档案" : "檔案";
  return since ? `${word}：入職 ${since}`.replace("職", lang === "zh-Hans" ? "职" : "職") : word;
}

/** A span of months in words: "3 週", "8 個月", "3 年" / "3 weeks", "8 months", "3 years". */
export function duration(months: number, lang: Lang): string {
  const zhMonth = lang === "zh-Hans" ? "个月" : "個月";
  if (months < 2) {
    const weeks = Math.max(1, Math.round(months * 4.35));
    return lang === "en"
      ? `${weeks} week${weeks === 1 ? "" : "s"}`
      : `${weeks} 週`.replace("週", lang === "zh-Hans" ? "周" : "週");
  }
  if (months < 24) {
    const whole = Math.round(months);
    return lang === "en" ? `${whole} months` : `${whole} ${zhMonth}`;
  }
  const years = Math.round(months / 12);
  return lang === "en" ? `${years} years` : `${years} 年`;
}

const TENURE_WORDS: Record<Lang, Record<string, string>> = {
  "zh-Hant": { new: "是新人", "half-year": "是半年到一年的員工", veteran: "是老員工" },
  "zh-Hans": { new: "是新人", "half-year": "是半年到一年的员工", veteran: "是老员工" },
  en: { new: "a new rep", "half-year": "a rep of under a year", veteran: "a veteran rep" },
};

/** The file's facts as one sentence a manager could have typed. */
export function repSentence(context: RepContext, lang: Lang): string | undefined {
  const { rep, derived } = context;
  if (derived.tenureMonths === undefined || !derived.tenureGroup) return undefined;
  const since = duration(derived.tenureMonths, lang);
  const group = TENURE_WORDS[lang][derived.tenureGroup];
  if (lang === "en") return `(${rep.name} joined ${since} ago, ${group}.)`;
  const joined = lang === "zh-Hans" ? "入职" : "入職";
  return `（${rep.name}${joined}${since.replace(/\s/g, "")}，${group}。）`;
}

/**
 * What the answer took from earlier turns or the file, in the answer's language: the rep's name and tenure from the
 * file, or the diagnosis fields the follow-up did not state but the conversation had.
 */
export function carriedFrom(
  input: { rep?: RepContext; state: ConversationState; followUpDiagnosis?: Diagnosis; turns: number },
  lang: Lang,
  labels: DiagnosisLabels,
): Carried | undefined {
  const items: Carried["items"] = [];
  const phrases: string[] = [];
  if (input.rep) {
    const { rep, derived } = input.rep;
    if (derived.tenureGroup) items.push({ field: "tenure", value: derived.tenureGroup, from: "rep" });
    if (rep.type) items.push({ field: "type", value: rep.type, from: "rep" });
    if (derived.performance) items.push({ field: "performance", value: derived.performance, from: "rep" });
    const since = derived.tenureMonths === undefined ? undefined : duration(derived.tenureMonths, lang);
    const tenure = derived.tenureGroup ? labels("tenure", derived.tenureGroup, lang) : undefined;
    const type = rep.type ? labels("type", rep.type, lang) : undefined;
    phrases.push(repPhrase(rep.name, since, tenure, type, lang));
    const note = input.rep.notes[0];
    if (note) phrases.push(notePhrase(note, lang));
  } else if (input.turns > 0) {
    for (const field of ["who", "tenure"] as const) {
      const value = input.state.diagnosis[field];
      const stated = input.followUpDiagnosis?.[field]?.cues.length;
      if (value && value !== "unknown" && !stated) items.push({ field, value, from: "conversation" });
    }
    const who = items.find((item) => item.field === "who");
    const tenure = items.find((item) => item.field === "tenure");
    const described = [who && labels("who", who.value, lang), tenure && labels("tenure", tenure.value, lang)]
      .filter(Boolean)
      .join(lang === "en" ? ", " : "，");
    phrases.push(
      lang === "en"
        ? `Continuing from your last message${described ? ` (${described})` : ""}.`
        : `${lang === "zh-Hans" ? "接着上一则" : "接著上一則"}${described ? `（${described}）` : ""}。`,
    );
  }
  if (phrases.length === 0) return undefined;
  return { text: phrases.join(lang === "en" ? " " : ""), items };
}

function repPhrase(name: string, since?: string, tenure?: string, type?: string, lang: Lang = "en"): string {
  if (lang === "en") {
    const facts = [since ? `started ${since} ago` : undefined, tenure, type].filter(Boolean).join(", ");
    return `About ${name}${facts ? ` (${facts})` : ""}, from the rep's file.`;
  }
  const joined = lang === "zh-Hans" ? "入职" : "入職";
  const facts = [since ? `${joined}${since.replace(/\s/g, "")}` : undefined, tenure, type].filter(Boolean).join("，");
  return `${lang === "zh-Hans" ? "关于" : "關於"}${name}${facts ? `（${facts}）` : ""}，${lang === "zh-Hans" ? "依据职员档案" : "依據職員檔案"}。`;
}

function notePhrase(note: RepNote, lang: Lang): string {
  const day = note.at.slice(0, 10);
  const text = note.text.length > 60 ? `${note.text.slice(0, 60)}…` : note.text;
  if (lang === "en") return ` Last note (${day}): "${text}".`;
  return `${lang === "zh-Hans" ? "最近记录" : "最近記錄"}（${day}）：「${text}」。`;
}

/** The conversation's state after an answer: the diagnosis values, the last messages, what was cited. */
export function nextState(
  state: ConversationState,
  text: string,
  diagnosis: Diagnosis,
  cited: string[],
): ConversationState {
  const values: Record<string, string> = { ...state.diagnosis };
  for (const field of ["who", "tenure", "stage", "type", "performance"] as const) {
    const finding = diagnosis[field];
    if (finding) values[field] = finding.value;
  }
  const problem = diagnosis.problems[0];
  if (problem) values.problem = problem.value;
  return {
    diagnosis: values,
    earlier: [...state.earlier, text].slice(-EARLIER_KEPT),
    cited: [...state.cited, cited].slice(-EARLIER_KEPT),
  };
}
