import type { SentenceRole } from "./sentence-roles.js";
/** A passage of the handbook, the unit of retrieval and citation (DESIGN §2). */
export interface Chunk {
  /** Stable id: section id and a two-digit ordinal, e.g. `4.5.4.2.2-01`. */
  id: string;
  sectionId: string;
  /** The section's repaired Traditional title. */
  title: string;
  /** Titles from the root to this chunk's section. */
  path: string[];
  /** Repaired Traditional Chinese text. */
  text: string;
  /** English rendering written for this project. */
  en: string;
  /** The exact source span: `seed.slice(start, end) === raw` (UTF-16 offsets). */
  raw: string;
  start: number;
  end: number;
  /** Set on chunks of an added playbook (its id, e.g. `pb-onboarding`); offsets are then into that file. */
  source?: string;
}

/** A node of the heading tree. */
export interface Section {
  id: string;
  title: string;
  titleEn: string;
  level: number;
  parentId: string | null;
  /** The heading exactly as the source writes it. */
  heading: string;
  /** Source span of the whole section, heading included, children included. */
  start: number;
  end: number;
  chunkIds: string[];
  /** Set on sections of an added playbook. */
  source?: string;
}

/** A user's playbook added to the corpus (`npm run coach -- add-playbook`). */
export interface PlaybookInfo {
  /** `pb-` and the file's stem; its sections and chunks have ids under it. */
  id: string;
  file: string;
  title: string;
  /** The language of its passages; "mixed" when it has both. */
  lang: "zh" | "en" | "mixed";
  sections: number;
  chunks: number;
  /** Lines of sentences left out of the text because they address an AI ("ignore the handbook …"). */
  droppedLines: number[];
}

export interface SectionNode {
  id: string;
  title: string;
  titleEn: string;
  children: SectionNode[];
}

/** A sentence advice can quote, with what corpus/sentence-roles.tsv says of it (absent for playbooks). */
export interface CorpusSentence {
  text: string;
  en: string;
  role?: SentenceRole;
  /** 1–3 for advice and reason sentences. */
  weight?: number;
  /** The situation in which this sentence is what a manager needs, in managers' words. */
  when?: { zh: string; en: string };
}

/** The built corpus, written by ingest and loaded by every runtime. */
export interface Corpus {
  version: string;
  source: { id: string; title: string; titleEn: string; seedSha256: string };
  sections: Section[];
  chunks: Chunk[];
  /**
   * Each chunk's sentences with their English, in order: what advice quotes. Every `text` is a verbatim
   * substring of its chunk's `text`, so a quote can always be checked against the chunk it cites.
   */
  sentences: Record<string, CorpusSentence[]>;
  /** The repairs marked for queries (forms no user would mean as written), in Traditional script. */
  queryRepairs: Array<{ spun: string; original: string }>;
  /** The handbook's own figures; playbooks are counted in `playbooks`. */
  stats: CorpusStats;
  playbooks: PlaybookInfo[];
}

export interface CorpusStats {
  sections: number;
  chunks: number;
  /** Share of the handbook's body text (no boilerplate, TOC, markers or white space) inside some chunk. */
  coverage: number;
  chunkChars: { min: number; median: number; max: number };
  markersRemoved: number;
  repairs: Array<{ spun: string; original: string; guard: string; applied: number }>;
  glyphFixes: number;
  /** Sentences with a current role from sentence-roles.tsv, with a stale one (their text changed), without one. */
  sentenceRoles?: { applied: number; stale: number; missing: number };
}
