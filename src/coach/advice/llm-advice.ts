import { z } from "zod";
import type { CorpusIndex } from "../../corpus/corpus-index.js";
import { defang } from "../../llm/delimit.js";
import { parseJsonAnswer } from "../../llm/json-answer.js";
import type { QuoteMatcher } from "../../llm/quote-match.js";
import type { ChatMessage } from "../../llm/types.js";
import type { Retrieval } from "../../retrieval/retriever.js";
import type { Lang } from "../../retrieval/types.js";
import type { Diagnosis } from "./diagnose.js";
import type { Advice, AdviceLine } from "./types.js";

const Line = z.object({
  text: z.string().min(1),
  citations: z.array(z.string()).default([]),
  quote: z.string().optional(),
});
const ModelAdviceSchema = z.object({
  summary: z.string().min(1),
  steps: z.array(Line).default([]),
  talkTrack: z.array(Line).default([]),
  watch: z.array(Line).default([]),
});

/** The answer's JSON Schema, for providers that take one (`response_format: json_schema`). */
export const ADVICE_JSON = {
  name: "advice",
  schema: z.toJSONSchema(ModelAdviceSchema, { io: "input" }) as Record<string, unknown>,
};

export interface PromptFiles {
  system: string;
  user: string;
  /** How the prompt names each reply language (prompts/advice-offline.json `replyLanguage`). */
  languages: Record<Lang, string>;
}

/** Renders the prompt: rules in the system role; the scenario and the excerpts, delimited, in the user role. */
export async function adviceMessages(
  prompts: PromptFiles,
  scenario: string,
  retrieval: Retrieval,
  diagnosis: Diagnosis,
): Promise<ChatMessage[]> {
  // Loaded on the first model call: LangChain and LangSmith are 1.2 MB of code an offline server never needs.
  const { ChatPromptTemplate } = await import("@langchain/core/prompts");
  const template = ChatPromptTemplate.fromMessages([
    ["system", prompts.system],
    ["human", prompts.user],
  ]);
  const excerpts = retrieval.results
    // Excerpts may come from a user's playbook: their text is defanged like the scenario, so a passage cannot
    // close its excerpt and pose as instructions (sentences addressed to an AI were dropped at ingest).
    .map((chunk, index) => {
      const title = defang(chunk.title).replace(/"/g, "'");
      const body = chunk.en && chunk.en !== chunk.text ? `${chunk.text}\n${chunk.en}` : chunk.text;
      return `<excerpt n="${index + 1}" id="${chunk.id}" title="${title}">\n${defang(body)}\n</excerpt>`;
    })
    .join("\n\n");
  const messages = await template.formatMessages({
    language: prompts.languages[retrieval.lang],
    scenario: defang(scenario),
    diagnosis: JSON.stringify(diagnosis),
    excerpts,
  });
  return messages.map((message) => ({
    role: message.getType() === "system" ? "system" : "user",
    content: typeof message.content === "string" ? message.content : JSON.stringify(message.content),
  }));
}

export type ParsedAdvice = { success: true; advice: Advice } | { success: false; error: string };

/**
 * Turns the model's JSON into the response, keeping only what the corpus backs: a citation must name an
 * excerpt the model was given, a quote must be found in a chunk the line cites (the way models write quotes:
 * src/llm/quote-match.ts) and is then given as the chunk's exact words. What fails is removed and counted in
 * `dropped_citations`; a step left with no valid citation is dropped.
 */
export function parseModelAdvice(
  raw: string,
  retrieval: Retrieval,
  diagnosis: Diagnosis,
  corpus: CorpusIndex,
  quotes: QuoteMatcher,
  modelName: string,
): ParsedAdvice {
  const json = parseJsonAnswer(raw);
  if (json === undefined) return { success: false, error: "invalid_model_output" };
  const parsed = ModelAdviceSchema.safeParse(json);
  if (!parsed.success) return { success: false, error: "invalid_model_output" };
  const allowed = new Set(retrieval.results.map((chunk) => chunk.id));
  let dropped = 0;
  const validate = (line: z.infer<typeof Line>, requireCitation: boolean): AdviceLine | undefined => {
    const citations = line.citations.filter((id) => {
      const ok = allowed.has(id) && corpus.chunk(id) !== undefined;
      if (!ok) dropped++;
      return ok;
    });
    // A quote is kept as the handbook's exact words (quote-match.ts), found in the first cited chunk that has it.
    let quote: string | undefined;
    if (line.quote !== undefined) {
      for (const id of citations) {
        const source = corpus.chunk(id)?.text;
        const match = source === undefined ? undefined : quotes.match(line.quote, source);
        if (match) {
          quote = match.text;
          break;
        }
      }
      if (quote === undefined) dropped++;
    }
    if (requireCitation && citations.length === 0) return undefined;
    return { text: line.text, citations, ...(quote ? { quote } : {}) };
  };
  const steps = parsed.data.steps.flatMap((line) => validate(line, true) ?? []);
  if (steps.length === 0) return { success: false, error: "no_valid_citations" };
  const cited = new Set(steps.flatMap((step) => step.citations));
  return {
    success: true,
    advice: {
      lang: retrieval.lang,
      queryLang: retrieval.queryLang,
      mode: "llm",
      model: modelName,
      abstained: false,
      diagnosis,
      summary: parsed.data.summary,
      steps,
      talkTrack: parsed.data.talkTrack.flatMap((line) => validate(line, false) ?? []),
      watch: parsed.data.watch.flatMap((line) => validate(line, false) ?? []),
      citations: retrieval.results.filter((chunk) => cited.has(chunk.id)),
      nearest: [],
      dropped_citations: dropped,
    },
  };
}
