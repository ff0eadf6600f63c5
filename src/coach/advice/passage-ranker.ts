import type { Chunk } from "../../corpus/types.js";
import type { NormalisedQuery } from "../../retrieval/normalise.js";
import { type PassageQuestion, QuestionRanker } from "../../retrieval/question-ranker.js";
import type { Ranked } from "../../retrieval/types.js";
import type { Features } from "../fabe/features.js";
import { LinearModel, type LinearModelJson } from "../fabe/linear-model.js";
import type { Diagnosis } from "./diagnose.js";
import type { PassageSituation } from "./passage-situations.js";

/** What re-ranking sees of one scenario besides the passage: every ranker's order and the diagnosis. */
export interface RankContext {
  /** Retrieval's fused order, best first. */
  fused: readonly string[];
  /** Each ranker's order (Retrieval.rankings), plus `situations` (PassageRanker.situationRanking). */
  rankings: Readonly<Record<string, readonly Ranked[]>>;
  diagnosis: Diagnosis;
  /** Passages the diagnosed rep type, growth stage or a combination of findings has of its own. */
  focus: readonly string[];
}

/**
 * The passages an answer quotes, best first: the best one, every other reaching `minFit`, and a passage the diagnosed
 * type or stage has of its own (`focus`) reaching `focusFit`; at most `passages`.
 */
export function keptPassages<T>(
  ranked: readonly T[],
  fits: ReadonlyMap<T, number>,
  settings: { passages: number; rank: { minFit: number; focusFit: number } },
  typeOrStagePassages: readonly T[] = [],
): T[] {
  // (Not named `fit`: linters take `fit(…)` for a focused test.)
  const fitOf = (item: T) => fits.get(item) ?? 0;
  const own = new Set(typeOrStagePassages);
  return ranked
    .filter(
      (item, index) =>
        index === 0 || fitOf(item) >= settings.rank.minFit || (own.has(item) && fitOf(item) >= settings.rank.focusFit),
    )
    .slice(0, settings.passages);
}

/**
 * The fits of the passages that can be quoted. A passage with no sentence that stands as a step (only the problem
 * described, a list's headings: 4.7.1.5-01) hands its fit to the quotable passages of its section: the handbook's
 * sections were cut into passages by length, and the advice for the problem one passage describes is in the next.
 */
export function quotableFits(
  fits: ReadonlyMap<string, number>,
  quotable: (id: string) => boolean,
  sectionPassages: (id: string) => readonly string[],
): Map<string, number> {
  const kept = new Map([...fits].filter(([id]) => quotable(id)));
  for (const [id, value] of fits) {
    if (quotable(id)) continue;
    for (const sibling of sectionPassages(id))
      if (sibling !== id && quotable(sibling) && value > (kept.get(sibling) ?? 0)) kept.set(sibling, value);
  }
  return kept;
}

/** What a passage without an annotation (a user's playbook) is taken to answer. */
const ANY_SITUATION: PassageSituation = {
  who: ["rep", "reps", "team", "manager", "customer", "candidate"],
  tenure: ["any"],
  problem: ["attitude", "knowledge", "skill", "management"],
  advice: true,
  en: "",
  zh: "",
};

/** The guide's problem kinds; the cue file calls the manager's own way of running things `manager`. */
const PROBLEM_KIND: Record<string, string> = { manager: "management" };

/**
 * Which retrieved passages fit the scenario, by a model trained on judged scenarios (prompts/advice-model.json
 * `rank`, `npm run advice:train`). It weighs signals that do not depend on one writer's words: where each ranker
 * put the passage, whether the passage was written for the diagnosed person, tenure and problem
 * (corpus/passage-situations.tsv), and whether it gives advice at all. A passage that only one ranker found through
 * a shared word, written for someone else, ranks low.
 */
export class PassageRanker {
  private readonly index: QuestionRanker;
  private readonly models: LinearModel[];
  private readonly conversationModels: LinearModel[];

  constructor(
    private readonly situations: ReadonlyMap<string, PassageSituation>,
    /** Managers' own words for when each passage is needed (corpus/manager-situations.tsv). */
    lines: readonly PassageQuestion[],
    chunks: readonly Chunk[],
    toTraditional: (text: string) => string,
    models: readonly LinearModelJson[] = [],
    /** The ensemble for what is read in a conversation (prompts/advice-model.json `conversation`); else `models`. */
    conversationModels: readonly LinearModelJson[] = [],
  ) {
    // Each passage's annotated situation counts as two more lines of it, anchored at the passage's start.
    const annotated = chunks.flatMap((chunk) => {
      const situation = situations.get(chunk.id);
      return situation
        ? [
            { offset: chunk.start, lang: "zh-Hant", question: situation.zh },
            { offset: chunk.start, lang: "en", question: situation.en },
          ]
        : [];
    });
    this.index = new QuestionRanker([...annotated, ...lines], chunks, toTraditional);
    this.models = models.map((json) => new LinearModel(json));
    this.conversationModels = conversationModels.map((json) => new LinearModel(json));
  }

  get trained(): boolean {
    return this.models.length > 0;
  }

  /** Passages whose plain-words situation is most like the scenario (BM25), best first. */
  situationRanking(query: NormalisedQuery, limit: number): Ranked[] {
    return this.index.rank(this.index.search(query), limit);
  }

  features(id: string, context: RankContext): Features {
    const features: Features = new Map();
    const reciprocal = (order: readonly string[]) => {
      const rank = order.indexOf(id);
      return rank < 0 ? 0 : 1 / (rank + 1);
    };
    features.set("fused", reciprocal(context.fused));
    const fusedRank = context.fused.indexOf(id);
    if (fusedRank >= 0 && fusedRank < 3) features.set("fused:top3", 1);
    let lists = 0;
    for (const [name, hits] of Object.entries(context.rankings)) {
      const rank = hits.findIndex((hit) => hit.id === id);
      if (rank < 0) continue;
      features.set(`rank:${name}`, 1 / (rank + 1));
      if (rank < 3) features.set(`top3:${name}`, 1);
      if (rank < 5) lists++;
      // How close to the ranker's best: a passage just behind a clear winner is not the same as one in a tie.
      const best = hits[0]?.score ?? 0;
      if (best > 0) features.set(`ratio:${name}`, (hits[rank] as Ranked).score / best);
    }
    features.set("lists", lists / 3);
    if (context.focus.includes(id)) features.set("focus", 1);
    // A user's playbook passage has no annotation: it is taken to be written for the person the manager asks about
    // (its own words are what the text rankers matched), so it competes on those rankers alone.
    const situation = this.situations.get(id) ?? ANY_SITUATION;
    if (!situation.advice) features.set("advice:no", 1);
    features.set(`passage:${id}`, 1);
    const { who, tenure, problems } = context.diagnosis;
    if (who) {
      features.set(situation.who.includes(who.value) ? "who:match" : "who:miss", 1);
      for (const passageWho of situation.who) features.set(`who:${who.value}>${passageWho}`, 1);
    }
    if (situation.tenure.includes("none")) features.set("tenure:passage-none", 1);
    else if (situation.tenure.includes("any")) features.set("tenure:any", 1);
    else if (tenure) features.set(situation.tenure.includes(tenure.value) ? "tenure:match" : "tenure:clash", 1);
    if (tenure)
      for (const passageTenure of situation.tenure) features.set(`tenure:${tenure.value}>${passageTenure}`, 1);
    const problem = problems[0]?.value;
    if (problem) {
      const kind = PROBLEM_KIND[problem] ?? problem;
      features.set(situation.problem.includes(kind) ? "problem:match" : "problem:miss", 1);
      for (const passageProblem of situation.problem) features.set(`problem:${kind}>${passageProblem}`, 1);
    }
    return features;
  }

  /**
   * How well each passage fits, 0–1: the chance it is useful plus half the chance it is partial, by the model;
   * without a model, by fused rank alone.
   */
  fit(
    ids: readonly string[],
    context: RankContext,
    reading: "advice" | "conversation" = "advice",
  ): Map<string, number> {
    const fits = new Map<string, number>();
    const models =
      reading === "conversation" && this.conversationModels.length > 0 ? this.conversationModels : this.models;
    for (const id of ids) {
      if (!this.trained) {
        fits.set(id, 1 / (context.fused.indexOf(id) + 2));
        continue;
      }
      fits.set(id, ensembleFit(models, this.features(id, context)));
    }
    return fits;
  }
}

/**
 * A passage's fit by an ensemble of ranker models: each model's chance that it is useful plus half the chance it is
 * partial, averaged. Models trained on resamples of the judgments disagree where the data is thin; the average is
 * steadier than any one of them.
 */
export function ensembleFit(models: readonly LinearModel[], features: Features): number {
  let sum = 0;
  for (const model of models) {
    const probabilities = model.predict(features);
    const of = (label: string) => probabilities[model.labels.indexOf(label)] ?? 0;
    sum += of("useful") + of("partial") / 2;
  }
  return models.length ? sum / models.length : 0;
}
