import type { NormalisedQuery } from "../../retrieval/normalise.js";
import { PhraseMatcher } from "../../retrieval/phrase-matcher.js";
import { bigrams, englishTokens } from "../../retrieval/tokenize.js";
import type { Lang } from "../../retrieval/types.js";
import type { Features } from "../fabe/features.js";
import { LinearModel, type LinearModelJson } from "../fabe/linear-model.js";
import type { DiagnosisData, DiagnosisValue } from "./data.js";
import { findDuration, tenureOf } from "./tenure.js";

/** One reading of the scenario, with the words in it that suggested it. */
export interface Finding {
  value: string;
  label: string;
  cues: string[];
}

export interface Diagnosis {
  /** Who the scenario is about: one rep, several, the team, the manager, a customer, a candidate. */
  who?: Finding;
  tenure?: Finding;
  stage?: Finding;
  type?: Finding;
  performance?: Finding;
  problems: Finding[];
  /** What the scenario is about: the glossary concepts it names, best first. */
  topics: Finding[];
}

type Dimension = "who" | "tenure" | "stage" | "type" | "performance" | "problem";

/**
 * The trained reading of who, tenure and problem (prompts/advice-model.json `diagnosis`, `npm run advice:train`):
 * one softmax model per field over `Diagnoser.features`. The labels are the guide's (docs/advice-scenarios-guide.md);
 * `unknown` and `none` mean the field is not reported.
 */
export interface DiagnosisModelJson {
  who: LinearModelJson;
  tenure: LinearModelJson;
  problem: LinearModelJson;
}

/** The guide's `management` is the cue file's `manager` problem (the manager's own way of running things). */
const PROBLEM_VALUE: Record<string, string> = { management: "manager" };

/**
 * Reads who the scenario is about, the rep's tenure and the kind of problem, and the rep's stage, type and
 * performance. With the trained model, who, tenure and the main problem are its reading; the cue words of
 * prompts/diagnosis.json are then among its features and still give the evidence shown to the user. Without it,
 * the cue words and the glossary concepts alone decide. Each finding keeps the scenario's own words as evidence.
 */
export class Diagnoser {
  private readonly cues: PhraseMatcher<{ dimension: Dimension; value: string }>;
  private readonly models?: Record<"who" | "tenure" | "problem", LinearModel>;

  constructor(
    private readonly data: DiagnosisData,
    toTraditional: (text: string) => string,
    private readonly conceptLabel: (id: string, lang: Lang) => string | undefined,
    /** An explicit duration counts as this many cue words (prompts/advice-settings.json `durationWeight`). */
    private readonly durationWeight: number,
    model?: DiagnosisModelJson,
  ) {
    this.cues = new PhraseMatcher(toTraditional);
    for (const dimension of ["who", "tenure", "stage", "type", "performance", "problem"] as const) {
      for (const entry of data[dimension]) {
        for (const form of entry.zh) this.cues.addChinese(form, { dimension, value: entry.value });
        for (const form of entry.en) this.cues.addEnglish(form, { dimension, value: entry.value });
      }
    }
    if (model)
      this.models = {
        who: new LinearModel(model.who),
        tenure: new LinearModel(model.tenure),
        problem: new LinearModel(model.problem),
      };
  }

  /**
   * What the trained model reads of a scenario: the cue words found (by field and value), an explicit duration,
   * the glossary concepts, and the words themselves (Chinese character pairs in Traditional script, English
   * stems). The cues and concepts are the same in the three languages; the words let the model learn the rest.
   */
  features(query: NormalisedQuery): Features {
    const features: Features = new Map();
    const add = (name: string, value = 1) => features.set(name, Math.min(3, (features.get(name) ?? 0) + value));
    for (const hit of this.cues.match(query.normalized)) add(`cue:${hit.value.dimension}:${hit.value.value}`);
    const duration = findDuration(query.normalized);
    if (duration) add(`duration:${tenureOf(duration.months)}`);
    for (const match of query.matches) add(`concept:${match.id}`);
    for (const pair of new Set(bigrams(query.normalized))) if (/\p{Script=Han}/u.test(pair)) add(`zh:${pair}`);
    for (const word of new Set(englishTokens(query.normalized))) add(`en:${word}`);
    add(`lang:${query.lang}`);
    return features;
  }

  diagnose(query: NormalisedQuery, lang: Lang): Diagnosis {
    const hits = this.cues.match(query.normalized);
    const evidence = (dimension: Dimension, entry: DiagnosisValue): string[] => {
      const words = hits
        .filter((hit) => hit.value.dimension === dimension && hit.value.value === entry.value)
        .map((hit) => hit.form);
      for (const match of query.matches) if (entry.concepts.includes(match.id)) words.push(...match.forms);
      return [...new Set(words)];
    };
    // The value with the most evidence wins ("a three-year veteran who won't mentor the new hires" is a
    // veteran, though it says 新人); ties go to the earlier value in the file.
    const duration = findDuration(query.normalized);
    const first = (dimension: Exclude<Dimension, "problem">): Finding | undefined => {
      let best: Finding | undefined;
      let bestWeight = 0;
      for (const entry of this.data[dimension]) {
        const cues = evidence(dimension, entry);
        let weight = cues.length;
        if (dimension === "tenure" && duration && tenureOf(duration.months) === entry.value) {
          cues.unshift(duration.cue);
          weight += this.durationWeight;
        }
        if (weight > bestWeight) {
          best = { value: entry.value, label: entry.label[lang], cues };
          bestWeight = weight;
        }
      }
      return best;
    };
    const finding = (dimension: Dimension, value: string): Finding | undefined => {
      const entry = this.data[dimension].find((candidate) => candidate.value === value);
      if (!entry) return undefined;
      const cues = evidence(dimension, entry);
      if (dimension === "tenure" && duration && tenureOf(duration.months) === value) cues.unshift(duration.cue);
      return { value, label: entry.label[lang], cues };
    };
    let problems = this.data.problem.flatMap((entry) => {
      const cues = evidence("problem", entry);
      return cues.length > 0 ? [{ value: entry.value, label: entry.label[lang], cues }] : [];
    });
    const topics = query.matches.map((match) => ({
      value: match.id,
      label: this.conceptLabel(match.id, lang) ?? match.id,
      cues: match.forms,
    }));
    let who = first("who");
    let tenure = first("tenure");
    if (this.models) {
      const features = this.features(query);
      const read = (model: LinearModel) => {
        const probabilities = model.predict(features);
        return model.labels[probabilities.indexOf(Math.max(...probabilities))] as string;
      };
      who = finding("who", read(this.models.who));
      const aboutReps = who?.value === "rep" || who?.value === "reps";
      tenure = aboutReps ? finding("tenure", read(this.models.tenure)) : undefined;
      // The model names the main problem; other kinds the cue words found stay after it.
      const main = read(this.models.problem);
      const mainFinding = finding("problem", PROBLEM_VALUE[main] ?? main);
      problems = mainFinding
        ? [mainFinding, ...problems.filter((problem) => problem.value !== mainFinding.value)]
        : problems;
    }
    const stage = first("stage");
    const type = first("type");
    const performance = first("performance");
    return {
      ...(who ? { who } : {}),
      ...(tenure ? { tenure } : {}),
      ...(stage ? { stage } : {}),
      ...(type ? { type } : {}),
      ...(performance ? { performance } : {}),
      problems,
      topics,
    };
  }

  /** Concepts whose passage the findings call for: the `focus` rules of prompts/diagnosis.json that hold. */
  focusConcepts(diagnosis: Diagnosis): string[] {
    return this.data.focus
      .filter((rule) =>
        Object.entries(rule.when).every(([dimension, value]) =>
          dimension === "problem"
            ? diagnosis.problems.some((problem) => problem.value === value)
            : diagnosis[dimension as "tenure" | "stage" | "type" | "performance"]?.value === value,
        ),
      )
      .map((rule) => rule.concept);
  }
}
