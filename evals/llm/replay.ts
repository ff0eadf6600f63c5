import type { CorpusIndex } from "../../src/corpus/corpus-index.js";
import { toSimplified, toTraditional } from "../../src/lib/script.js";
import { parseJsonAnswer } from "../../src/llm/json-answer.js";
import { detectLanguage } from "../../src/retrieval/normalise.js";
import { startOpenAIServer } from "../../test/support/openai-server.js";
import { llmCases } from "./cases.js";
import { loadRecordings, type Recording } from "./recordings.js";
import { requestKey } from "./request-key.js";
import { type CaseRun, runCases } from "./run-cases.js";
import { type Variant, varied } from "./variants.js";

type Line = { text?: string; citations?: string[]; quote?: string };
const LINE_KINDS = ["steps", "talkTrack", "watch"] as const;

function linesOf(json: unknown): Line[] {
  if (!json || typeof json !== "object") return [];
  return LINE_KINDS.flatMap((kind) => {
    const lines = (json as Record<string, unknown>)[kind];
    return Array.isArray(lines) ? (lines as Line[]) : [];
  });
}

/** What one replay of the recorded cases gave, counted. */
export interface ReplayCounts {
  variant: Variant;
  /** Cases with a recorded answer. */
  answered: number;
  /** Of those, answers the product kept as the model's (mode "llm"). */
  parsed: number;
  fellBack: number;
  /** Quotes the model wrote (advice and conversations), quotes the product kept, and kept ones it had to fold. */
  modelQuotes: number;
  acceptedQuotes: number;
  normalisedQuotes: number;
  /** Kept quotes that are not the exact words of a chunk the line cites (must be 0). */
  inexactQuotes: number;
  citationsKept: number;
  citationsDropped: number;
  /** Citations kept that name no excerpt the model was given (the wrong-ids variant's; must be 0). */
  foreignCitationsKept: number;
  /** Answers whose model-written text is in the language asked for, of those with model-written text. */
  languageRight: number;
  languageChecked: number;
  /** Cases per capability, for the report. */
  byCapability: Record<string, { answered: number; parsed: number }>;
  wrongLanguage: string[];
}

/**
 * Replays the recorded answers (changed as `variant` says) through the local OpenAI-compatible server and the
 * product's HTTP routes in llm mode, and counts what was kept.
 */
export async function replay(variant: Variant, recordings = loadRecordings()): Promise<ReplayCounts> {
  const byKey = new Map(recordings.map((recording) => [recording.key, recording]));
  const server = await startOpenAIServer();
  server.script({
    kind: "json",
    content: (request) => {
      const recording = byKey.get(requestKey(request.messages));
      return recording?.answer ? varied(recording, variant, toSimplified) : "{}";
    },
  });
  try {
    const { runs, corpus } = await runCases(llmCases(), server);
    return count(variant, runs, byKey, corpus);
  } finally {
    await server.close();
  }
}

function count(variant: Variant, runs: CaseRun[], byKey: Map<string, Recording>, corpus: CorpusIndex): ReplayCounts {
  const counts: ReplayCounts = {
    variant,
    answered: 0,
    parsed: 0,
    fellBack: 0,
    modelQuotes: 0,
    acceptedQuotes: 0,
    normalisedQuotes: 0,
    inexactQuotes: 0,
    citationsKept: 0,
    citationsDropped: 0,
    foreignCitationsKept: 0,
    languageRight: 0,
    languageChecked: 0,
    byCapability: {},
    wrongLanguage: [],
  };
  for (const run of runs) {
    const recording = run.request ? byKey.get(requestKey(run.request.messages)) : undefined;
    if (!recording?.answer) continue;
    counts.answered++;
    const entry = counts.byCapability[run.capability] ?? { answered: 0, parsed: 0 };
    counts.byCapability[run.capability] = entry;
    entry.answered++;
    // A conversation's answer is its message's advice; a turn's is the turn.
    const answer = (run.capability === "chat" ? (run.answer.message as Record<string, unknown>)?.advice : run.answer) as
      | Record<string, unknown>
      | undefined;
    const mode = answer?.mode;
    if (mode === "llm") {
      counts.parsed++;
      entry.parsed++;
    }
    if (answer?.fallback) counts.fellBack++;
    if (run.capability === "advice" || run.capability === "chat") {
      const sent = linesOf(parseJsonAnswer(varied(recording, variant, toSimplified)));
      const modelQuotes = new Set(sent.flatMap((line) => (line.quote ? [line.quote] : [])));
      counts.modelQuotes += sent.filter((line) => line.quote).length;
      const allowed = new Set(
        (run.request?.messages.at(-1)?.content.match(/<excerpt n="\d+" id="([^"]+)"/g) ?? []).map(
          (tag) => /id="([^"]+)"/.exec(tag)?.[1] as string,
        ),
      );
      if (mode === "llm") {
        for (const line of linesOf(answer)) {
          counts.citationsKept += line.citations?.length ?? 0;
          counts.foreignCitationsKept += (line.citations ?? []).filter((id) => !allowed.has(id)).length;
          if (!line.quote) continue;
          counts.acceptedQuotes++;
          if (!modelQuotes.has(line.quote)) counts.normalisedQuotes++;
          if (!(line.citations ?? []).some((id) => corpus.chunk(id)?.text.includes(line.quote as string)))
            counts.inexactQuotes++;
        }
        counts.citationsDropped += Number(answer?.dropped_citations ?? 0);
      }
    }
    // The language of what the model wrote: advice's summary and steps, a persona's reply.
    const written =
      mode !== "llm"
        ? ""
        : run.capability === "roleplay"
          ? String((answer?.reply as { text?: string } | undefined)?.text ?? "")
          : run.capability === "fabe"
            ? ""
            : [answer?.summary, ...linesOf(answer).map((line) => line.text)].join(" ");
    if (written) {
      counts.languageChecked++;
      const lang = detectLanguage(written, toTraditional);
      if (lang === run.lang) counts.languageRight++;
      else counts.wrongLanguage.push(`${run.capability}:${run.id} asked ${run.lang}, got ${lang}`);
    }
  }
  return counts;
}
