import type { CorpusIndex } from "../../corpus/corpus-index.js";
import { type ChatModel, ProviderError } from "../../llm/types.js";
import type { Retriever, ScoredChunk } from "../../retrieval/retriever.js";
import type { Lang } from "../../retrieval/types.js";
import { composeOfflineAdvice } from "./compose-offline.js";
import type { AdviceData } from "./data.js";
import { Diagnoser, type Diagnosis } from "./diagnose.js";
import { adviceMessages, type PromptFiles, parseModelAdvice } from "./llm-advice.js";
import type { Advice } from "./types.js";

/** What llm mode needs: a model and the prompt files. Absent in offline mode. */
export interface AdviceModel {
  model: ChatModel;
  prompts: PromptFiles;
}

export interface AdviceDeps {
  llm?: AdviceModel;
  retriever: Retriever;
  corpus: CorpusIndex;
  data: AdviceData;
  toTraditional: (text: string) => string;
  toSimplified: (text: string) => string;
  conceptLabel: (id: string, lang: Lang) => string | undefined;
  conceptHandbookTerms: (id: string) => readonly string[] | undefined;
}

/** Scenario → retrieval → diagnosis → offline composition. The llm path wraps this (see llm-advice.ts). */
export class AdviceService {
  private readonly diagnoser: Diagnoser;

  constructor(private readonly deps: AdviceDeps) {
    this.diagnoser = new Diagnoser(
      deps.data.diagnosis,
      deps.toTraditional,
      deps.conceptLabel,
      deps.data.settings.durationWeight,
    );
  }

  async prepare(scenario: string, lang?: Lang) {
    const retrieval = await this.deps.retriever.retrieve(scenario, {
      k: this.deps.data.settings.passages,
      ...(lang ? { lang } : {}),
    });
    const query = this.deps.retriever.normalise(scenario);
    const diagnosis = this.diagnoser.diagnose(query, retrieval.lang);
    if (!retrieval.abstained) retrieval.results = this.withDiagnosedPassages(retrieval.results, diagnosis);
    return { retrieval, query, diagnosis };
  }

  /**
   * A diagnosed rep type or growth stage has a passage of its own (興奮型, 失望期 …), and so does a
   * combination of findings (a veteran with an attitude problem → 克服老員工的消極心態): make sure the
   * advice draws on them, right after the best retrieved passage.
   */
  private withDiagnosedPassages(results: ScoredChunk[], diagnosis: Diagnosis): ScoredChunk[] {
    const focus: ScoredChunk[] = [];
    const wanted: string[][] = this.diagnoser.focusConcepts(diagnosis).map((concept) => [concept]);
    for (const dimension of ["type", "stage"] as const) {
      const finding = diagnosis[dimension];
      const entry = finding
        ? this.deps.data.diagnosis[dimension].find((value) => value.value === finding.value)
        : undefined;
      if (entry) wanted.push(entry.concepts);
    }
    for (const concepts of wanted) {
      const passage = this.deps.retriever.passageAbout(concepts);
      if (
        passage &&
        !results.some((chunk) => chunk.id === passage.id) &&
        !focus.some((chunk) => chunk.id === passage.id)
      ) {
        focus.push(passage);
      }
    }
    if (focus.length === 0) return results;
    return [...results.slice(0, 1), ...focus, ...results.slice(1)].slice(0, this.deps.data.settings.passages);
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
  async advise(scenario: string, lang?: Lang, onDelta?: (text: string) => void | Promise<void>): Promise<Advice> {
    const prepared = await this.prepare(scenario, lang);
    const llm = this.deps.llm;
    if (!llm || prepared.retrieval.abstained) return this.streamed(this.compose(prepared), onDelta);
    try {
      const messages = await adviceMessages(llm.prompts, scenario, prepared.retrieval, prepared.diagnosis);
      const raw = await llm.model.complete(messages, { json: true, ...(onDelta ? { onDelta } : {}) });
      const parsed = parseModelAdvice(raw, prepared.retrieval, prepared.diagnosis, this.deps.corpus);
      if (parsed.success) return parsed.advice;
      return { ...this.compose(prepared), fallback: parsed.error };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return { ...this.compose(prepared), fallback: error.reason };
    }
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
