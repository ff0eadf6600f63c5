import { z } from "zod";
import type { CorpusIndex } from "../../corpus/corpus-index.js";
import { defang } from "../../llm/delimit.js";
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
 * excerpt the model was given, a quote must be verbatim in a chunk the line cites. What fails is removed
 * and counted in `dropped_citations`; a step left with no valid citation is dropped.
 */
export function parseModelAdvice(
  raw: string,
  retrieval: Retrieval,
  diagnosis: Diagnosis,
  corpus: CorpusIndex,
): ParsedAdvice {
  let json: unknown;
  try {
    json = JSON.parse(raw.trim().replace(/^```(?:json)?\s*|\s*```$/g, ""));
  } catch {
    return { success: false, error: "invalid_model_output" };
  }
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
    let quote = line.quote;
    if (quote !== undefined && !citations.some((id) => corpus.chunk(id)?.text.includes(quote as string))) {
      dropped++;
      quote = undefined;
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
