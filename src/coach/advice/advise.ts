import type { CorpusIndex } from "../../corpus/corpus-index.js";
import type { QuoteMatcher } from "../../llm/quote-match.js";
import { type ChatModel, ProviderError } from "../../llm/types.js";
import { detectLanguage } from "../../retrieval/normalise.js";
import type { PassageQuestion } from "../../retrieval/question-ranker.js";
import type { Retrieval, Retriever, ScoredChunk } from "../../retrieval/retriever.js";
import type { Lang, Ranked } from "../../retrieval/types.js";
import type { Features } from "../fabe/features.js";
import { LinearModel } from "../fabe/linear-model.js";
import type { AdviceModelJson } from "./advice-model.js";
import { composeOfflineAdvice, hasStep } from "./compose-offline.js";
import type { AdviceData } from "./data.js";
import { Diagnoser, type Diagnosis } from "./diagnose.js";
import { ADVICE_JSON, adviceMessages, type PromptFiles, parseModelAdvice } from "./llm-advice.js";
import { keptPassages, PassageRanker, quotableFits, type RankContext } from "./passage-ranker.js";
import type { PassageSituation } from "./passage-situations.js";
import { scopeFeatures } from "./scope-model.js";
import type { Advice } from "./types.js";

/** What llm mode needs: a model and the prompt files. Absent in offline mode. */
export interface AdviceModel {
  model: ChatModel;
  prompts: PromptFiles;
  /** Finds a model's quote in the chunk it cites, the way models write Chinese. */
  quotes: QuoteMatcher;
}

export interface AdviceDeps {
  llm?: AdviceModel;
  retriever: Retriever;
  corpus: CorpusIndex;
  data: AdviceData;
  /** corpus/passage-situations.tsv, parsed. */
  situations: ReadonlyMap<string, PassageSituation>;
  /** corpus/manager-situations.tsv, parsed on the first scenario (thousands of lines an idle server does not need). */
  situationLines: () => readonly PassageQuestion[];
  /** prompts/advice-model.json, parsed on the first scenario: the trained diagnosis, scope and ranker (each may be absent). */
  model: () => AdviceModelJson;
  toTraditional: (text: string) => string;
  toSimplified: (text: string) => string;
  conceptLabel: (id: string, lang: Lang) => string | undefined;
  conceptHandbookTerms: (id: string) => readonly string[] | undefined;
}

/**
 * What an advice request knows besides its text: a conversation's earlier turns or a rep's file (src/coach/chat/).
 */
export interface AdviceContext {
  /** Corrects the diagnosis before ranking: a rep file's tenure and type, the fields a follow-up carries. */
  adjustDiagnosis?: (diagnosis: Diagnosis) => Diagnosis;
  /** Passages the conversation already quoted: their fit is multiplied by `weight` (the follow-up wants the next thing). */
  quoted?: { ids: ReadonlySet<string>; weight: number };
  /**
   * The tenure is known for certain (from a rep's file, not read from words): the passage the handbook has for that
   * tenure group (prompts/diagnosis.json, its first concept) joins the diagnosed type's and stage's as a focus passage.
   */
  tenureKnown?: boolean;
  /** At least this many passages are kept (best first) whatever their fit: a chat answer shows more than one way in. */
  minPassages?: number;
  /**
   * The diagnosis to rank by, instead of reading one from this text: a follow-up read alone ("那如果他直接拒絕呢？")
   * says nothing of who, so it is ranked by the diagnosis of its reading with the turn before.
   */
  diagnosis?: Diagnosis;
  /** Read with the ranker and scope model trained on conversations as well (prompts/advice-model.json `conversation`). */
  reading?: "advice" | "conversation";
}

/** Scenario → retrieval → diagnosis → offline composition. The llm path wraps this (see llm-advice.ts). */
export class AdviceService {
  private built?: {
    diagnoser: Diagnoser;
    ranker: PassageRanker;
    scopeModel?: LinearModel;
    conversationScope?: LinearModel;
  };
  /** Whether each passage has a quotable sentence: fixed for a corpus, so worked out once per passage. */
  private readonly quotableIds = new Map<string, boolean>();

  constructor(private readonly deps: AdviceDeps) {}

  /**
   * The diagnosis and the ranker, built on the first scenario: the ranker indexes thousands of situation lines, which
   * an idle server does not need (its start time and memory, docs/benchmarks.md).
   */
  private get parts() {
    if (!this.built) {
      const { deps } = this;
      const model = deps.model();
      this.built = {
        diagnoser: new Diagnoser(
          deps.data.diagnosis,
          deps.toTraditional,
          deps.conceptLabel,
          deps.data.settings.durationWeight,
          model.diagnosis ?? undefined,
        ),
        ranker: new PassageRanker(
          deps.situations,
          deps.situationLines(),
          deps.corpus.chunks,
          deps.toTraditional,
          model.rank ?? undefined,
          model.conversation?.rank ?? undefined,
        ),
        ...(model.scope ? { scopeModel: new LinearModel(model.scope) } : {}),
        ...(model.conversation ? { conversationScope: new LinearModel(model.conversation.scope) } : {}),
      };
    }
    return this.built;
  }

  get diagnoser(): Diagnoser {
    return this.parts.diagnoser;
  }

  get ranker(): PassageRanker {
    return this.parts.ranker;
  }

  private get scopeModel(): LinearModel | undefined {
    return this.parts.scopeModel;
  }

  async prepare(scenario: string, lang?: Lang, context: AdviceContext = {}) {
    const { candidates, settings } = await this.candidates(scenario, lang, context);
    const { retrieval, query, diagnosis } = candidates;
    if (this.scopeModel) {
      // The trained scope model decides, in place of retrieval's own rule (which kept its passages for it).
      const covered = this.coverage(candidates.scope, context.reading) >= settings.rank.minCoverage;
      if (!covered && !retrieval.abstained) retrieval.nearest = this.nearest(retrieval.results);
      if (covered) retrieval.nearest = [];
      retrieval.abstained = !covered;
    }
    if (retrieval.abstained) {
      retrieval.results = [];
      return candidates;
    }
    if (!this.ranker.trained) {
      retrieval.results = this.withDiagnosedPassages(retrieval.results.slice(0, settings.passages), diagnosis);
      return candidates;
    }
    // The trained ranker: the passages that fit, best first, as many as reach `minFit` (at least the best one).
    const fits = quotableFits(
      this.ranker.fit(
        retrieval.results.map((chunk) => chunk.id),
        candidates.context,
        context.reading,
      ),
      (id) => this.quotable(id),
      (id) => this.sectionPassages(id),
    );
    const quoted = context.quoted;
    if (quoted) for (const [id, value] of fits) if (quoted.ids.has(id)) fits.set(id, value * quoted.weight);
    const ranked = [...fits.keys()].sort((a, b) => (fits.get(b) ?? 0) - (fits.get(a) ?? 0));
    const kept = keptPassages(ranked, fits, settings, candidates.context.focus);
    for (const id of ranked) if (kept.length < (context.minPassages ?? 1) && !kept.includes(id)) kept.push(id);
    // A rep's file makes the tenure certain: the handbook's passage on talking with reps of that tenure (4.4.4.2.x) is
    // quoted among the first three, whatever its fit.
    const own = context.tenureKnown ? this.tenurePassage(diagnosis) : undefined;
    if (own && this.quotable(own) && !kept.includes(own)) kept.splice(Math.min(2, kept.length), 0, own);
    retrieval.results = kept.slice(0, settings.passages).flatMap((id) => {
      const chunk = retrieval.results.find((candidate) => candidate.id === id) ?? this.deps.corpus.chunk(id);
      return chunk ? [{ ...chunk, score: fits.get(id) ?? 0 }] : [];
    });
    return { retrieval, query, diagnosis };
  }

  /** Whether a passage has a sentence that can stand as a step (corpus/sentence-roles.tsv, or the rule for playbooks). */
  quotable(id: string): boolean {
    let known = this.quotableIds.get(id);
    if (known === undefined) {
      known = hasStep(this.deps.corpus.corpus.sentences[id] ?? [], this.deps.data.settings.sentence);
      this.quotableIds.set(id, known);
    }
    return known;
  }

  /** The passages of the section a passage belongs to, in reading order. */
  sectionPassages(id: string): readonly string[] {
    const sectionId = this.deps.corpus.chunk(id)?.sectionId;
    return this.deps.corpus.sections.find((section) => section.id === sectionId)?.chunkIds ?? [];
  }

  /** The scope model's chance that the handbook covers the scenario (1 without a model). */
  coverage(features: Features, reading: AdviceContext["reading"] = "advice"): number {
    const model = (reading === "conversation" ? this.parts.conversationScope : undefined) ?? this.scopeModel;
    if (!model) return 1;
    const probabilities = model.predict(features);
    return probabilities[model.labels.indexOf("in")] ?? 0;
  }

  private nearest(results: readonly ScoredChunk[]): Retrieval["nearest"] {
    return results.slice(0, 3).map(({ id, title, path }) => ({ id, title, path }));
  }

  /**
   * Retrieval's candidates for re-ranking (`rank.candidates` of them, kept even when retrieval's rule abstains:
   * the scope model decides), the diagnosis, what the ranker weighs of them (every ranker's order and the
   * diagnosed situation) and what the scope model weighs. `npm run advice:train` learns from the same.
   */
  async candidates(scenario: string, lang?: Lang, context: AdviceContext = {}) {
    const settings = this.deps.data.settings;
    const retrieval = await this.deps.retriever.retrieve(scenario, {
      k: settings.rank.candidates,
      keepResults: true,
      ...(lang ? { lang } : {}),
    });
    const query = this.deps.retriever.normalise(scenario);
    const read = context.diagnosis ?? this.diagnoser.diagnose(query, retrieval.lang);
    const diagnosis = context.adjustDiagnosis ? context.adjustDiagnosis(read) : read;
    const situations = this.withPlaybooks(this.ranker.situationRanking(query, settings.rank.candidates), retrieval);
    retrieval.rankings = { ...retrieval.rankings, situations };
    const focus = this.focusPassages(diagnosis, context.tenureKnown);
    const rankContext: RankContext = {
      fused: retrieval.results.map((chunk) => chunk.id),
      rankings: retrieval.rankings,
      diagnosis,
      focus: focus.map((chunk) => chunk.id),
    };
    // The passages the diagnosed type or stage has of its own are candidates too.
    for (const chunk of focus)
      if (!retrieval.results.some((candidate) => candidate.id === chunk.id)) retrieval.results.push(chunk);
    // Passages whose situation reads like the scenario are candidates too, though no text ranker found them.
    for (const { id } of situations.slice(0, settings.rank.fromSituations)) {
      const chunk = this.deps.corpus.chunk(id);
      if (chunk && !retrieval.results.some((candidate) => candidate.id === id))
        retrieval.results.push({ ...chunk, score: 0 });
    }
    return {
      candidates: { retrieval, query, diagnosis, context: rankContext, scope: scopeFeatures(retrieval, query) },
      settings,
    };
  }

  /**
   * A diagnosed rep type or growth stage has a passage of its own (興奮型, 失望期 …), and so does a
   * combination of findings (a veteran with an attitude problem → 克服老員工的消極心態): make sure the
   * advice draws on them, right after the best retrieved passage.
   */
  private withDiagnosedPassages(results: ScoredChunk[], diagnosis: Diagnosis): ScoredChunk[] {
    const focus = this.focusPassages(diagnosis).filter((passage) => !results.some((chunk) => chunk.id === passage.id));
    if (focus.length === 0) return results;
    return [...results.slice(0, 1), ...focus, ...results.slice(1)].slice(0, this.deps.data.settings.passages);
  }

  /**
   * The situation lines were written for the handbook's passages only. So that a user's playbook competes on what it
   * says, each playbook passage takes, in the situation ranking, the place the text rankers together give it (as
   * retrieval does for its question lines).
   */
  private withPlaybooks(situations: Ranked[], retrieval: Retrieval): Ranked[] {
    const ranked = [...situations];
    retrieval.results.forEach((chunk, rank) => {
      if (chunk.source === undefined || rank > ranked.length) return;
      ranked.splice(rank, 0, { id: chunk.id, score: ranked[rank]?.score ?? ranked[rank - 1]?.score ?? 0 });
    });
    return ranked;
  }

  /** The passages a diagnosed type, stage or combination of findings has of its own (prompts/diagnosis.json). */
  private focusPassages(diagnosis: Diagnosis, tenureKnown = false): ScoredChunk[] {
    const focus: ScoredChunk[] = [];
    const wanted: string[][] = this.diagnoser.focusConcepts(diagnosis).map((concept) => [concept]);
    const dimensions = tenureKnown ? (["type", "stage", "tenure"] as const) : (["type", "stage"] as const);
    for (const dimension of dimensions) {
      const finding = diagnosis[dimension];
      const entry = finding
        ? this.deps.data.diagnosis[dimension].find((value) => value.value === finding.value)
        : undefined;
      if (entry) wanted.push(entry.concepts);
    }
    for (const concepts of wanted) {
      const passage = this.deps.retriever.passageAbout(concepts);
      if (passage && !focus.some((chunk) => chunk.id === passage.id)) focus.push(passage);
    }
    return focus;
  }

  /** The passage the handbook has for the diagnosed tenure group (its first concept in prompts/diagnosis.json). */
  private tenurePassage(diagnosis: Diagnosis): string | undefined {
    const entry = this.deps.data.diagnosis.tenure.find((value) => value.value === diagnosis.tenure?.value);
    return entry ? this.deps.retriever.passageAbout(entry.concepts.slice(0, 1))?.id : undefined;
  }

  /** The handbook's own words for a diagnosed type or stage (興奮型, 失望期): sentences naming them come first. */
  private focusTerms(diagnosis: Diagnosis): string[] {
    const terms: string[] = this.diagnoser
      .focusConcepts(diagnosis)
      .flatMap((concept) => this.deps.conceptHandbookTerms(concept) ?? []);
    for (const dimension of ["type", "stage"] as const) {
      const finding = diagnosis[dimension];
      const entry = finding
        ? this.deps.data.diagnosis[dimension].find((value) => value.value === finding.value)
        : undefined;
      const first = entry?.concepts[0];
      if (first) terms.push(...(this.deps.conceptHandbookTerms(first) ?? []));
    }
    return terms;
  }

  /**
   * The advice for a scenario: the model's when llm mode is on and its answer validates, the offline
   * composer's otherwise (then `fallback` says why). `onDelta` receives text as it is produced.
   */
  async advise(
    scenario: string,
    lang?: Lang,
    onDelta?: (text: string) => void | Promise<void>,
    context: AdviceContext = {},
  ): Promise<Advice> {
    const prepared = await this.prepare(scenario, lang, context);
    const llm = this.deps.llm;
    if (!llm || prepared.retrieval.abstained) return this.streamed(this.compose(prepared), onDelta);
    try {
      const messages = await adviceMessages(llm.prompts, scenario, prepared.retrieval, prepared.diagnosis);
      const raw = await llm.model.complete(messages, { json: ADVICE_JSON, ...(onDelta ? { onDelta } : {}) });
      const parsed = parseModelAdvice(
        raw,
        prepared.retrieval,
        prepared.diagnosis,
        this.deps.corpus,
        llm.quotes,
        llm.model.name,
      );
      if (parsed.success) return parsed.advice;
      return { ...this.compose(prepared), fallback: parsed.error };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ...this.compose(prepared), fallback: error.reason };
    }
  }

  /**
   * Advice for a message read in several ways (a follow-up alone, and with the conversation before it): each reading
   * is prepared as a scenario; a passage takes its best weighted fit over the readings, and the answer is composed
   * with the last reading's words and diagnosis. The conversation's answer is declined only if every reading is.
   */
  async adviseReadings(
    readings: ReadonlyArray<{ scenario: string; weight: number }>,
    lang?: Lang,
    onDelta?: (text: string) => void | Promise<void>,
    context: AdviceContext = {},
  ): Promise<Advice> {
    const last = readings.at(-1);
    if (!last) throw new Error("adviseReadings needs a reading");
    if (this.deps.llm || readings.length === 1) return this.advise(last.scenario, lang, onDelta, context);
    // The others are ranked by the fullest reading's diagnosis (read here, so that all readings run at once).
    const read = this.read(last.scenario);
    const diagnosis = context.adjustDiagnosis ? context.adjustDiagnosis(read) : read;
    const prepared = await Promise.all(
      readings.map((reading, index) =>
        this.prepare(reading.scenario, lang, index === readings.length - 1 ? context : { ...context, diagnosis }),
      ),
    );
    const main = prepared.at(-1) as (typeof prepared)[number];
    const best = new Map<string, ScoredChunk>();
    prepared.forEach(({ retrieval }, index) => {
      if (retrieval.abstained) return;
      const weight = readings[index]?.weight ?? 1;
      for (const chunk of retrieval.results) {
        const score = chunk.score * weight;
        if (score > (best.get(chunk.id)?.score ?? Number.NEGATIVE_INFINITY)) best.set(chunk.id, { ...chunk, score });
      }
    });
    if (best.size === 0) return this.streamed(this.compose(main), onDelta);
    const results = [...best.values()].sort((a, b) => b.score - a.score).slice(0, this.settings.passages);
    const retrieval = { ...main.retrieval, results, abstained: false, nearest: [] };
    return this.streamed(this.compose({ ...main, retrieval }), onDelta);
  }

  /** prompts/advice-settings.json, parsed (training reads the same numbers). */
  get settings(): AdviceData["settings"] {
    return this.deps.data.settings;
  }

  /** The language a text is written in (the same detection retrieval uses). */
  languageOf(text: string): Lang {
    return detectLanguage(text, this.deps.toTraditional);
  }

  /** The diagnosis of a text on its own (what a follow-up states, as against what it carries). */
  read(text: string): Diagnosis {
    const query = this.deps.retriever.normalise(text);
    return this.diagnoser.diagnose(query, query.lang);
  }

  /** A diagnosis value's label in a language (prompts/diagnosis.json), for what a follow-up says it carried. */
  label(dimension: "who" | "tenure" | "type" | "stage" | "performance", value: string, lang: Lang): string | undefined {
    return this.deps.data.diagnosis[dimension].find((entry) => entry.value === value)?.label[lang];
  }

  /** The words the CLI frames advice with (prompts/advice-offline.json `terminal`). */
  get terminalWords(): AdviceData["templates"]["terminal"] {
    return this.deps.data.templates.terminal;
  }

  /** The offline answer, whatever the mode (evals and the fallback use it). */
  async offline(scenario: string, lang?: Lang): Promise<Advice> {
    return this.compose(await this.prepare(scenario, lang));
  }

  private async streamed(advice: Advice, onDelta?: (text: string) => void | Promise<void>): Promise<Advice> {
    if (onDelta)
      for (const text of [advice.summary, ...advice.steps.map((step) => step.text)]) await onDelta(`${text}\n`);
    return advice;
  }

  private compose({ retrieval, query, diagnosis }: Awaited<ReturnType<AdviceService["prepare"]>>): Advice {
    return composeOfflineAdvice(retrieval, query, diagnosis, {
      corpus: this.deps.corpus,
      templates: this.deps.data.templates,
      settings: this.deps.data.settings,
      toSimplified: this.deps.toSimplified,
      focusTerms: this.focusTerms(diagnosis),
      contextConcepts: this.deps.data.diagnosis.tenure.flatMap((entry) => entry.concepts),
    });
  }
}
