import type { ScoredChunk } from "../../retrieval/retriever.js";
import type { Lang } from "../../retrieval/types.js";
import type { Diagnosis } from "./diagnose.js";

/** A line of advice and the passages it rests on. `quote` is verbatim from the first cited chunk. */
export interface AdviceLine {
  text: string;
  citations: string[];
  quote?: string;
  quoteEn?: string;
}

/** The answer of `POST /api/advice` (DESIGN §4, plus `watch`, `nearest` and `dropped_citations`). */
export interface Advice {
  /** The answer's language: asked for, or else the scenario's. */
  lang: Lang;
  /** The scenario's language, detected from its text. */
  queryLang: Lang;
  mode: "offline" | "llm";
  /** The model that answered (llm mode, when its answer was kept). */
  model?: string;
  fallback?: string;
  abstained: boolean;
  diagnosis: Diagnosis;
  summary: string;
  steps: AdviceLine[];
  talkTrack: AdviceLine[];
  watch: AdviceLine[];
  citations: ScoredChunk[];
  /** When abstaining: nearby topics the handbook does cover. */
  nearest: Array<{ id: string; title: string }>;
  /** Citations or quotes the model produced that failed validation and were removed (llm mode). */
  dropped_citations: number;
}
