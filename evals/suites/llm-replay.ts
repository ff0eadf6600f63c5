import { loadRecordings } from "../llm/recordings.js";
import { type ReplayCounts, replay } from "../llm/replay.js";
import { atLeast, atMost, info, type Metric, type SuiteResult } from "../types.js";

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/**
 * llm mode on the answers a real chat model gave (evals/fixtures/llm/): the recorded requests replayed through the
 * local OpenAI-compatible server and the product's routes, as recorded and in deliberately sloppy variants.
 */
export async function llmReplaySuite(): Promise<SuiteResult> {
  const recordings = loadRecordings();
  const recorded = await replay("recorded", recordings);
  const widthScript = await replay("fullwidth-simplified", recordings);
  const invented = await replay("invented-quotes", recordings);
  const wrongIds = await replay("wrong-ids", recordings);
  const prose = await replay("prose", recordings);
  const truncated = await replay("truncated", recordings);
  const models = [...new Set(recordings.flatMap((recording) => (recording.answer ? [recording.answer.model] : [])))];
  const answeredAdvice = (counts: typeof recorded) =>
    (counts.byCapability.advice?.answered ?? 0) + (counts.byCapability.chat?.answered ?? 0);
  const parsedAdvice = (counts: typeof recorded) =>
    (counts.byCapability.advice?.parsed ?? 0) + (counts.byCapability.chat?.parsed ?? 0);
  const unchecked = loadRecordings("answers-unchecked");
  const uncheckedCounts = unchecked.some((recording) => recording.answer)
    ? await replay("recorded", unchecked)
    : undefined;
  const metrics: Metric[] = [
    info("requests recorded", recordings.length),
    ...recordedMetrics("recorded", recorded),
    ...(uncheckedCounts ? recordedMetrics("recorded in one pass, no tools", uncheckedCounts) : []),
    atMost(
      "full-width punctuation and Simplified quotes: quotes lost",
      share(widthScript.modelQuotes - widthScript.acceptedQuotes, widthScript.modelQuotes),
      0.05,
    ),
    info(
      "full-width punctuation and Simplified quotes: kept only by folding (a verbatim check would drop them)",
      widthScript.normalisedQuotes,
    ),
    atMost("sloppy: invented quotes accepted", invented.acceptedQuotes, 0),
    info("sloppy: invented quotes written", invented.modelQuotes),
    atMost("sloppy: citations of ids not given kept", wrongIds.foreignCitationsKept, 0),
    info(
      "sloppy: wrong-id answers that fell back (no valid citation left)",
      share(answeredAdvice(wrongIds) - parsedAdvice(wrongIds), answeredAdvice(wrongIds)),
    ),
    atLeast("sloppy: prose around the JSON, advice parsed", share(parsedAdvice(prose), answeredAdvice(prose)), 0.95),
    atLeast(
      "sloppy: truncated JSON caught (fell back)",
      share(answeredAdvice(truncated) - parsedAdvice(truncated), answeredAdvice(truncated)),
      1,
    ),
  ];
  const notes = [
    `recorded answers by ${models.join(", ") || "nobody yet"}`,
    ...(uncheckedCounts
      ? Object.entries(uncheckedCounts.byCapability).map(
          ([capability, entry]) => `one pass, no tools: ${capability}: ${entry.parsed} of ${entry.answered} parsed`,
        )
      : []),
    ...(uncheckedCounts?.wrongLanguage ?? []).map((line) => `one pass, no tools: wrong language: ${line}`),
    ...Object.entries(recorded.byCapability).map(
      ([capability, entry]) => `${capability}: ${entry.parsed} of ${entry.answered} parsed`,
    ),
    ...recorded.wrongLanguage.map((line) => `wrong language: ${line}`),
  ];
  return { suite: "llm-replay", metrics, notes };
}

/** The acceptance figures of one recording, replayed as recorded. */
function recordedMetrics(label: string, counts: ReplayCounts): Metric[] {
  return [
    info(`${label}: requests with a recorded answer`, counts.answered),
    atLeast(`${label}: answers parsed (kept as the model's)`, share(counts.parsed, counts.answered), 0.95),
    atMost(`${label}: answers that fell back`, share(counts.fellBack, counts.answered), 0.05),
    atLeast(`${label}: quotes accepted`, share(counts.acceptedQuotes, counts.modelQuotes), 0.95),
    info(`${label}: quotes written by the model`, counts.modelQuotes),
    info(`${label}: accepted quotes that needed folding`, counts.normalisedQuotes),
    atMost(`${label}: accepted quotes not the exact words of a cited chunk`, counts.inexactQuotes, 0),
    info(`${label}: citations kept`, counts.citationsKept),
    info(`${label}: citations dropped`, counts.citationsDropped),
    atLeast(`${label}: answer language right`, share(counts.languageRight, counts.languageChecked), 0.98),
  ];
}
