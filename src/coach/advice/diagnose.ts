import type { NormalisedQuery } from "../../retrieval/normalise.js";
import { PhraseMatcher } from "../../retrieval/phrase-matcher.js";
import type { Lang } from "../../retrieval/types.js";
import type { DiagnosisData, DiagnosisValue } from "./data.js";
import { findDuration, tenureOf } from "./tenure.js";

/** One reading of the scenario, with the words in it that suggested it. */
export interface Finding {
  value: string;
  label: string;
  cues: string[];
}

export interface Diagnosis {
  tenure?: Finding;
  stage?: Finding;
  type?: Finding;
  performance?: Finding;
  problems: Finding[];
  /** What the scenario is about: the glossary concepts it names, best first. */
  topics: Finding[];
}

type Dimension = "tenure" | "stage" | "type" | "performance" | "problem";

/**
 * Reads who the rep is and what kind of problem it is from the glossary concepts the scenario names and
 * the cue words in prompts/diagnosis.json. Each finding keeps the scenario's own words as evidence.
 */
export class Diagnoser {
  private readonly cues: PhraseMatcher<{ dimension: Dimension; value: string }>;

  constructor(
    private readonly data: DiagnosisData,
    toTraditional: (text: string) => string,
    private readonly conceptLabel: (id: string, lang: Lang) => string | undefined,
    /** An explicit duration counts as this many cue words (prompts/advice-settings.json `durationWeight`). */
    private readonly durationWeight: number,
  ) {
    this.cues = new PhraseMatcher(toTraditional);
    for (const dimension of ["tenure", "stage", "type", "performance", "problem"] as const) {
      for (const entry of data[dimension]) {
        for (const form of entry.zh) this.cues.addChinese(form, { dimension, value: entry.value });
        for (const form of entry.en) this.cues.addEnglish(form, { dimension, value: entry.value });
      }
    }
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
    const problems = this.data.problem.flatMap((entry) => {
      const cues = evidence("problem", entry);
      return cues.length > 0 ? [{ value: entry.value, label: entry.label[lang], cues }] : [];
    });
    const topics = query.matches.map((match) => ({
      value: match.id,
      label: this.conceptLabel(match.id, lang) ?? match.id,
      cues: match.forms,
    }));
    const tenure = first("tenure");
    const stage = first("stage");
    const type = first("type");
    const performance = first("performance");
    return {
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
