import { z } from "@hono/zod-openapi";
import { VIOLATION_RULES } from "../coach/fabe/cues.js";

/**
 * The response shapes of the HTTP API, as zod schemas: `/openapi.json` is generated from them and the typed client
 * (`hc<AppType>`) reads its types from them. Each route's handler returns the service's own type, so the compiler
 * checks the services against these shapes.
 */

export const LangSchema = z.enum(["zh-Hant", "zh-Hans", "en"]).openapi("Lang");
const Element = z.enum(["F", "A", "B", "E"]);

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

export const ChunkSchema = z
  .object({
    id: z.string().openapi({ example: "4.5.4.2.2-01" }),
    sectionId: z.string(),
    title: z.string(),
    path: z.array(z.string()),
    text: z.string().openapi({ description: "Repaired Traditional Chinese text." }),
    en: z.string().openapi({ description: "The project's English rendering." }),
    raw: z.string().openapi({ description: "The exact source span: seed.slice(start, end) === raw (UTF-16 offsets)." }),
    start: z.number().int(),
    end: z.number().int(),
    source: z.string().optional().openapi({ description: "Set on chunks of an added playbook: its id." }),
  })
  .openapi("Chunk");

export const ScoredChunkSchema = ChunkSchema.extend({ score: z.number() }).openapi("ScoredChunk");

export interface SectionTree {
  id: string;
  title: string;
  titleEn: string;
  children: SectionTree[];
}
export const SectionNodeSchema: z.ZodType<SectionTree> = z
  .lazy(() =>
    z.object({ id: z.string(), title: z.string(), titleEn: z.string(), children: z.array(SectionNodeSchema) }),
  )
  .openapi("SectionNode", { type: "object" });

export const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]).openapi({
      description: "degraded: llm mode and the model's provider is not answering (answers fall back to offline).",
    }),
    mode: z.enum(["offline", "llm"]),
    corpus: z.object({ sections: z.number().int(), chunks: z.number().int(), version: z.string() }),
    model: z
      .object({
        name: z.string(),
        provider: z.string().optional(),
        reachable: z.boolean().nullable(),
        checkedAt: z.string().nullable(),
        error: z.string().optional(),
        fallbacks: z.object({
          count: z.number().int(),
          last: z.object({ at: z.string(), reason: z.string() }).optional(),
        }),
      })
      .optional(),
    version: z.string(),
  })
  .openapi("Health");

export const RetrievalSchema = z
  .object({
    query: z.string(),
    lang: LangSchema.openapi({ description: "The language asked for the answer (labels), or the question's." }),
    queryLang: LangSchema.openapi({ description: "The question's language, always detected from its text." }),
    normalized: z.string(),
    concepts: z.array(z.object({ id: z.string(), label: z.string(), matched: z.array(z.string()) })),
    abstained: z.boolean(),
    outOfScope: z.array(z.string()),
    confidence: z.number(),
    results: z.array(ScoredChunkSchema),
    nearest: z.array(z.object({ id: z.string(), title: z.string(), path: z.array(z.string()) })),
  })
  .openapi("Retrieval");

const Finding = z.object({ value: z.string(), label: z.string(), cues: z.array(z.string()) });
const AdviceLine = z.object({
  text: z.string(),
  citations: z.array(z.string()),
  quote: z.string().optional(),
  quoteEn: z.string().optional(),
});

export const AdviceSchema = z
  .object({
    lang: LangSchema,
    queryLang: LangSchema,
    mode: z.enum(["offline", "llm"]),
    model: z.string().optional().openapi({ description: "In llm mode, the model that answered." }),
    fallback: z.string().optional().openapi({ description: "Why llm mode fell back to offline for this answer." }),
    abstained: z.boolean(),
    diagnosis: z.object({
      tenure: Finding.optional(),
      stage: Finding.optional(),
      type: Finding.optional(),
      performance: Finding.optional(),
      problems: z.array(Finding),
      topics: z.array(Finding),
    }),
    summary: z.string(),
    steps: z.array(AdviceLine),
    talkTrack: z.array(AdviceLine),
    watch: z.array(AdviceLine),
    citations: z.array(ScoredChunkSchema),
    nearest: z.array(z.object({ id: z.string(), title: z.string() })),
    dropped_citations: z.number().int(),
  })
  .openapi("Advice");

export const FabeResultSchema = z
  .object({
    lang: LangSchema,
    mode: z.enum(["offline", "llm"]),
    model: z.string().optional().openapi({ description: "In llm mode, the model that answered." }),
    fallback: z.string().optional(),
    product: z.string().optional().openapi({ description: "The product card's id, when scored against a card." }),
    productName: z.string().optional(),
    ownProduct: z.boolean().optional().openapi({ description: "The rep's own product, not one of our cards." }),
    offProduct: z
      .boolean()
      .optional()
      .openapi({ description: "The pitch is about another product than the card asked for: the score is capped." }),
    sentences: z.array(
      z.object({ text: z.string(), label: z.enum(["F", "A", "B", "E", "other"]), cues: z.array(z.string()) }),
    ),
    present: z.object({ F: z.boolean(), A: z.boolean(), B: z.boolean(), E: z.boolean() }),
    missing: z.array(Element),
    orderOk: z.boolean(),
    violations: z.array(
      z.object({
        rule: z.enum(VIOLATION_RULES),
        quote: z
          .string()
          .openapi({ description: "The rep's own words: a sentence, or the whole pitch for no-customer." }),
        advice: z.string(),
        principle: z.string().openapi({ description: "The handbook's words the principle comes from." }),
        citations: z.array(z.string()),
      }),
    ),
    score: z.number().min(0).max(100),
    feedback: z.array(z.object({ text: z.string(), citations: z.array(z.string()) })),
    rewrite: z.string(),
    citations: z.array(ChunkSchema),
  })
  .openapi("FabeResult");

export const DrillSchema = z
  .object({
    id: z.string(),
    lang: LangSchema,
    product: z.string(),
    productName: z.string().optional(),
    customer: z.string(),
    situation: z.string(),
    focus: z.enum(["F", "A", "B", "E", "all"]),
    prompt: z.string(),
  })
  .openapi("Drill");

const RoleplayMode = z.enum(["manager-rep", "rep-customer"]);
const Localised = z.object({ "zh-Hant": z.string(), "zh-Hans": z.string(), en: z.string() });

export const PersonaSummarySchema = z
  .object({ id: z.string(), mode: RoleplayMode, name: Localised, summary: Localised, basis: z.array(z.string()) })
  .openapi("Persona");

const Message = z.object({ role: z.enum(["user", "persona"]), text: z.string() });
const PublicState = z
  .object({ turn: z.number().int(), ended: z.enum(["success", "breakdown", "turn-cap"]).nullable() })
  // The meters sit beside turn and ended, so the catch-all must admit their types too.
  .catchall(z.union([z.number(), z.string(), z.null()]))
  .openapi({ description: "The persona's meters (0–10), the turn count and how the session ended, if it has." });

export const SessionSchema = z
  .object({
    id: z.string(),
    persona: z.string(),
    mode: RoleplayMode,
    messages: z.array(Message),
    state: PublicState,
    ended: z.boolean(),
  })
  .openapi("RoleplaySession");

export const NewSessionSchema = SessionSchema.omit({ ended: true })
  .extend({
    rep: z.object({ id: z.string(), name: z.string() }).optional().openapi({
      description: "The rep's file the session plays, when started with `repId`.",
    }),
  })
  .openapi("NewRoleplaySession");

export const TurnSchema = z
  .object({
    reply: Message,
    state: PublicState,
    moves: z.array(z.string()),
    /** What each recognised move did to the meters, with the user's words that made it. */
    effects: z.array(z.object({ move: z.string(), quote: z.string(), changes: z.record(z.string(), z.number()) })),
    /** What the reply answers: one of the turn's moves, or the mood (neutral, closing-up, opening-up), or the ending. */
    replyTo: z.string(),
    /** What the reply does: answers a question, accepts or counters an offer, or another reaction. */
    replyKind: z.enum(["answer", "accept", "counter", "other"]),
    mode: z.enum(["offline", "llm"]),
    model: z.string().optional().openapi({ description: "In llm mode, the model that answered." }),
    fallback: z.string().optional(),
    hint: z.object({ text: z.string(), basis: z.array(z.string()) }).optional(),
  })
  .openapi("RoleplayTurn");

export const DebriefSchema = z
  .object({
    score: z.number(),
    criteria: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        met: z.boolean(),
        quote: z.string(),
        advice: z.string(),
        citations: z.array(z.string()),
      }),
    ),
    summary: z.string(),
  })
  .openapi("Debrief");
