import type { CorpusIndex } from "../../corpus/corpus-index.js";
import type { CorpusSentence } from "../../corpus/types.js";
import type { NormalisedQuery } from "../../retrieval/normalise.js";
import type { Retrieval, ScoredChunk } from "../../retrieval/retriever.js";
import { bigrams, englishTokens } from "../../retrieval/tokenize.js";
import type { Lang } from "../../retrieval/types.js";
import type { AdviceSettings } from "./advice-settings.js";
import { type AdviceTemplates, fill } from "./data.js";
import type { Diagnosis } from "./diagnose.js";
import type { Advice, AdviceLine } from "./types.js";

export interface OfflineComposerDeps {
  corpus: CorpusIndex;
  templates: AdviceTemplates;
  /** prompts/advice-settings.json: how many steps, how a sentence is scored. */
  settings: AdviceSettings;
  toSimplified: (text: string) => string;
  /** Concepts that say how long the rep has been here rather than what the problem is. */
  contextConcepts?: readonly string[];
  /** Handbook terms of the diagnosed type or stage: a sentence naming one is the step to quote. */
  focusTerms?: readonly string[];
}

/**
 * The offline advice: every step is a sentence of a retrieved passage, chosen because it says what to do
 * and shares the scenario's words, framed in the user's language. Nothing is written that the handbook
 * does not say; the talk track and the watch list follow the handbook's own communication steps.
 */
export function composeOfflineAdvice(
  retrieval: Retrieval,
  query: NormalisedQuery,
  diagnosis: Diagnosis,
  deps: OfflineComposerDeps,
): Advice {
  const lang = retrieval.lang;
  const { templates } = deps;
  const prose = (text: string) => (lang === "zh-Hans" ? deps.toSimplified(text) : text);
  const base = { lang, queryLang: retrieval.queryLang, mode: "offline" as const, diagnosis, dropped_citations: 0 };
  if (retrieval.abstained) {
    const titles = retrieval.nearest.map((near) =>
      quoteTitle(near.id, titleOf(near.id, near.title, lang, deps), lang, deps, prose),
    );
    const summary = [
      templates.abstain[lang],
      titles.length ? fill(templates.nearest[lang], { titles: titles.join(templates.listJoin[lang]) }) : "",
    ]
      .filter(Boolean)
      .join(lang === "en" ? " " : "");
    return {
      ...base,
      abstained: true,
      summary,
      steps: [],
      talkTrack: [],
      watch: [],
      citations: [],
      nearest: retrieval.nearest.map(({ id, title }) => ({ id, title })),
    };
  }

  const steps = pickSteps(retrieval.results, query, deps).map(({ chunk, sentence }) => {
    const title = titleOf(chunk.id, chunk.title, lang, deps);
    const translated = sentence.en && sentence.en !== sentence.text;
    const text = fill((translated ? templates.step : templates.stepUntranslated)[lang], {
      title: prose(title),
      quote: prose(sentence.text),
      english: sentence.en,
    });
    return { text, citations: [chunk.id], quote: sentence.text, quoteEn: sentence.en };
  });
  const cited = [...new Set(steps.map((step) => step.citations[0] as string))];
  const citations = cited.flatMap((id) => retrieval.results.filter((chunk) => chunk.id === id));
  // The talk is about the problem, not the rep's tenure: a tenure concept is not the topic.
  const topic =
    diagnosis.topics.find((finding) => !(deps.contextConcepts ?? []).includes(finding.value))?.label ??
    titleOf(cited[0] ?? "", citations[0]?.title ?? "", lang, deps);

  return {
    ...base,
    abstained: false,
    summary: summarise(diagnosis, citations, lang, deps, prose),
    steps,
    talkTrack: linesFrom(
      templates.talkTrack.basis,
      templates.talkTrack.lines.map((line) => fill(line[lang], { topic: prose(topic) })),
      deps,
    ),
    watch: linesFrom(templates.watch.basis, watchLines(diagnosis, lang, templates), deps),
    citations,
    nearest: [],
  };
}

interface Pick {
  chunk: ScoredChunk;
  sentence: CorpusSentence;
}

/** The best action sentence of each passage in rank order; more from the top passages when there are few. */
function pickSteps(results: readonly ScoredChunk[], query: NormalisedQuery, deps: OfflineComposerDeps): Pick[] {
  const { steps, sentence: scoring } = deps.settings;
  const wanted = wantedWords(query);
  const ranked = results.map((chunk, rank) => {
    const sentences = (deps.corpus.corpus.sentences[chunk.id] ?? [])
      .map((sentence, index) => ({
        sentence,
        score:
          sentenceScore(sentence, index, wanted, scoring) -
          rank * scoring.rankPenalty +
          (names(sentence.text, deps.focusTerms) ? scoring.focusBonus : 0),
      }))
      .filter((candidate) => Number.isFinite(candidate.score))
      .sort((a, b) => b.score - a.score);
    return { chunk, sentences };
  });
  const used = ranked.map(() => 0);
  const picks: Pick[] = stepPlan(
    ranked.map(({ sentences }) => sentences.length),
    steps,
  ).map((index) => {
    const { chunk, sentences } = ranked[index] as (typeof ranked)[number];
    const position = used[index] ?? 0;
    used[index] = position + 1;
    return { chunk, sentence: (sentences[position] as (typeof sentences)[number]).sentence };
  });
  // Keep the handbook's reading order within a passage, and the passages in rank order.
  return picks.sort((a, b) => {
    const rankA = results.indexOf(a.chunk);
    const rankB = results.indexOf(b.chunk);
    if (rankA !== rankB) return rankA - rankB;
    const list = deps.corpus.corpus.sentences[a.chunk.id] ?? [];
    return list.indexOf(a.sentence) - list.indexOf(b.sentence);
  });
}

/**
 * Which passage each step comes from, in the order they are picked, given how many quotable sentences each passage
 * (best first) has: the best passage's `fromBest` best sentences and every other passage's best; then, while there are
 * fewer than `min` steps, the next sentences of the passages in rank order, up to `rounds` from each. Never more than
 * `max`; no padding past `min`. Training plans answers with the same function (evals/advice-training.ts).
 */
export function stepPlan(available: readonly number[], steps: AdviceSettings["steps"]): number[] {
  const taken = available.map(() => 0);
  const order: number[] = [];
  const take = (index: number) => {
    if (order.length >= steps.max || (taken[index] as number) >= (available[index] as number)) return;
    taken[index] = (taken[index] as number) + 1;
    order.push(index);
  };
  available.forEach((_, index) => {
    for (let count = 0; count < (index === 0 ? steps.fromBest : 1); count++) take(index);
  });
  for (let round = 1; round < steps.rounds && order.length < steps.min; round++)
    for (let index = 0; index < available.length && order.length < steps.min; index++)
      if ((taken[index] as number) <= round) take(index);
  return order;
}

function names(text: string, terms: readonly string[] = []): boolean {
  return terms.some((term) => text.includes(term));
}

interface WantedWords {
  zh: ReadonlySet<string>;
  en: ReadonlySet<string>;
}

/** The scenario's Chinese bigrams (with its concepts' handbook terms) and English words. */
function wantedWords(query: NormalisedQuery): WantedWords {
  return { zh: new Set(bigrams(query.zh)), en: new Set(englishTokens(query.en)) };
}

/**
 * A sentence as a step: what it does (corpus/sentence-roles.tsv: advice first, then reasons, sample slots last;
 * headings, platitudes and descriptions of the problem never), how much it carries, how much of the scenario it
 * shares (its own words and the situation it is for), and a little for length. Sentences without a role (a
 * playbook's) fall back to the marks of advice: an action word, sentence-final punctuation.
 * -Infinity for a sentence that cannot be a step.
 */
function sentenceScore(
  sentence: CorpusSentence,
  index: number,
  wanted: WantedWords,
  scoring: AdviceSettings["sentence"],
): number {
  const base = stepBase(sentence, index, scoring);
  if (!Number.isFinite(base)) return base;
  const { text } = sentence;
  const zh = new Set([...bigrams(text), ...bigrams(sentence.when?.zh ?? "")]);
  const en = new Set(englishTokens(`${sentence.en} ${sentence.when?.en ?? ""}`));
  const sharedZh = [...zh].filter((token) => wanted.zh.has(token)).length;
  const sharedEn = [...en].filter((token) => wanted.en.has(token)).length;
  const sharedPoints = Math.min(
    scoring.sharedCap,
    sharedZh / scoring.sharedBigramsPerPoint + sharedEn / scoring.sharedWordsPerPoint,
  );
  return base + sharedPoints + Math.min(scoring.lengthCap, text.length / scoring.charsPerPoint);
}

/** What a sentence is worth as a step before the scenario is read; -Infinity when it cannot be one. */
function stepBase(sentence: CorpusSentence, index: number, scoring: AdviceSettings["sentence"]): number {
  const { text } = sentence;
  if (text.length < scoring.minChars) return -Infinity;
  // An annotated sentence is judged by its role: a rhetorical question can carry the passage's advice (4.7.1.6-01).
  if (sentence.role) {
    const roleScore = scoring.roles[sentence.role as keyof typeof scoring.roles];
    return roleScore === undefined ? -Infinity : roleScore + (sentence.weight ?? 0) * scoring.weightPoints;
  }
  if (/[??]$/.test(text) || (index === 0 && !/[。!;,:]/.test(text)) || !givesAdvice(text)) return -Infinity;
  return scoring.actionMarkers.some((marker) => text.includes(marker)) ? scoring.actionWeight : 0;
}

/** Whether a passage has a sentence that can be quoted as a step: a passage without one is never kept. */
export function hasStep(sentences: readonly CorpusSentence[], scoring: AdviceSettings["sentence"]): boolean {
  return sentences.some((sentence, index) => Number.isFinite(stepBase(sentence, index, scoring)));
}

/**
 * Whether a handbook sentence can stand as a step: not a list's introduction ("改進…的幾種方法:"), not a heading or
 * a bare list item (short, with no sentence-final punctuation: 「6)促成」, 「1.2 溝通」), not a time slot of the
 * sample schedule, not a pointer to text around it ("如果這五個問題…"). The rule for sentences without a role.
 */
export function givesAdvice(text: string): boolean {
  const trimmed = text.trim();
  if (/[:\uFF1A]$/.test(trimmed)) return false;
  if (!/[。!\uFF01;\uFF1B?\uFF1F」”)\uFF09]$/.test(trimmed) && trimmed.length < 20) return false;
  if (/^【[^】]*】/.test(trimmed)) return false;
  if (/^(如果|假如)?(這|这|以上|上述)(幾|几|些|五|四|三|兩|两)?個?問題/.test(trimmed)) return false;
  return true;
}

function summarise(
  diagnosis: Diagnosis,
  citations: readonly ScoredChunk[],
  lang: Lang,
  deps: OfflineComposerDeps,
  prose: (text: string) => string,
): string {
  const { templates } = deps;
  const join = templates.listJoin[lang];
  const titles = [
    ...new Set(
      citations
        .slice(0, deps.settings.summaryTitles)
        .map((chunk) => quoteTitle(chunk.id, titleOf(chunk.id, chunk.title, lang, deps), lang, deps, prose)),
    ),
  ];
  const diagnosed = diagnosis.tenure || diagnosis.type || diagnosis.stage || diagnosis.problems.length > 0;
  if (!diagnosed) return fill(templates.summaryPlain[lang], { titles: titles.join(join) });
  const who = diagnosis.who;
  let text = diagnosis.tenure
    ? fill(templates.who[lang], { tenure: diagnosis.tenure.label })
    : who && who.value !== "rep"
      ? fill(templates.whoOther[lang], { who: prose(who.label) })
      : templates.whoUnknown[lang];
  if (diagnosis.type) text += fill(templates.typeClause[lang], { type: diagnosis.type.label });
  if (diagnosis.stage) text += fill(templates.stageClause[lang], { stage: diagnosis.stage.label });
  if (diagnosis.problems.length)
    text += fill(templates.problemClause[lang], { problems: diagnosis.problems.map((p) => p.label).join(join) });
  return text + fill(templates.summaryTail[lang], { titles: titles.join(join) });
}

function watchLines(diagnosis: Diagnosis, lang: Lang, templates: AdviceTemplates): string[] {
  const lines = diagnosis.problems.map((problem) => {
    const key = problem.value as "attitude" | "knowledge" | "skill" | "manager";
    return templates.watch[key]?.[lang];
  });
  return [...lines.filter((line): line is string => Boolean(line)), templates.watch.default[lang]];
}

/** Lines that draw on one handbook section cite its first passage. */
function linesFrom(sectionId: string, texts: string[], deps: OfflineComposerDeps): AdviceLine[] {
  const chunkId = deps.corpus.sections.find((section) => section.id === sectionId)?.chunkIds[0];
  return texts.map((text) => ({ text, citations: chunkId ? [chunkId] : [] }));
}

function titleOf(chunkId: string, title: string, lang: Lang, deps: OfflineComposerDeps): string {
  if (lang !== "en") return title;
  const sectionId = deps.corpus.chunk(chunkId)?.sectionId;
  // A Chinese playbook's sections have no English title.
  return deps.corpus.sections.find((section) => section.id === sectionId)?.titleEn || title;
}

function quoteTitle(
  chunkId: string,
  title: string,
  lang: Lang,
  deps: OfflineComposerDeps,
  prose: (text: string) => string,
): string {
  const template = deps.corpus.chunk(chunkId)?.source ? deps.templates.playbookTitleQuote : deps.templates.titleQuote;
  return fill(template[lang], { title: prose(title) });
}
