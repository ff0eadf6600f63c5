import { z } from "@hono/zod-openapi";
import { textField } from "../lib/fields.js";
import { AdviceSchema } from "./schemas.js";

/** Request and response shapes of conversations and rep files (DESIGN §7). */

export const MAX_REP_TEXT = 2000;
export const MAX_NOTE_CHARS = 4000;
export const MAX_MESSAGE_CHARS = 4000;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use a date as YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), "not a real date");
const Short = (name: string) => textField(name, 200);
const Long = (name: string) => textField(name, MAX_REP_TEXT);
const MonthResult = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "use a month as YYYY-MM"),
  amount: z.number().finite().min(0).max(1e12),
});

/** The fields of a rep's file, as created. */
export const RepFieldsSchema = z
  .object({
    name: textField("name", 100),
    startDate: Day.optional(),
    type: z.enum(["excitable", "opinionated", "steady"]).optional(),
    gender: Short("gender").optional(),
    age: z.number().int().min(14).max(100).optional(),
    education: Short("education").optional(),
    major: Short("major").optional(),
    workHistory: Long("workHistory").optional(),
    birthday: Day.optional(),
    strengths: Long("strengths").optional(),
    weaknesses: Long("weaknesses").optional(),
    likes: Long("likes").optional(),
    results: z.array(MonthResult).max(240).optional(),
    user: Short("user").optional().openapi({
      description: "The rep's own login (the `user` of their COACH_TOKENS entry): links the file to their practice.",
    }),
  })
  .strict()
  .openapi("RepFields");

/** A partial update: any field; null clears an optional one. */
export const RepPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(RepFieldsSchema.shape).map(([key, schema]) => [
        key,
        key === "name"
          ? (schema as z.ZodType).optional()
          : (schema as z.ZodOptional<z.ZodType>).unwrap().nullable().optional(),
      ]),
    ) as { [K in keyof typeof RepFieldsSchema.shape]: z.ZodOptional<z.ZodType> },
  )
  .strict()
  .openapi("RepPatch");

const Derived = {
  tenureMonths: z.number().optional(),
  tenureGroup: z.enum(["new", "half-year", "veteran"]).optional(),
  stage: z.enum(["excitement", "confusion", "disappointment", "growth", "maturity"]).optional(),
  performance: z.enum(["low", "high"]).optional(),
};

export const RepNoteSchema = z
  .object({
    id: z.string(),
    repId: z.string(),
    kind: z.enum(["problem", "talk", "note"]),
    text: z.string(),
    at: z.string(),
    createdAt: z.string(),
  })
  .openapi("RepNote");

export const RepSchema = RepFieldsSchema.extend({
  id: z.string(),
  owner: z.object({ user: z.string(), team: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...Derived,
}).openapi("Rep");

export const RepWithNotesSchema = RepSchema.extend({ notes: z.array(RepNoteSchema) }).openapi("RepWithNotes");

export const NoteRequestSchema = z
  .object({
    text: textField("text", MAX_NOTE_CHARS),
    kind: z.enum(["problem", "talk", "note"]).optional(),
    at: z.iso.datetime({ offset: true }).or(Day).optional(),
  })
  .strict()
  .openapi("NoteRequest");

export const CarriedSchema = z
  .object({
    text: z.string(),
    items: z.array(z.object({ field: z.string(), value: z.string(), from: z.enum(["conversation", "rep"]) })),
  })
  .openapi("Carried");

export const ChatMessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(["manager", "coach"]),
    text: z.string(),
    advice: AdviceSchema.optional(),
    carried: CarriedSchema.optional(),
    at: z.string(),
  })
  .openapi("ChatMessage");

export const ConversationSummarySchema = z
  .object({ id: z.string(), repId: z.string().nullable(), title: z.string(), updatedAt: z.string() })
  .openapi("ConversationSummary");

export const ConversationSchema = z
  .object({
    id: z.string(),
    repId: z.string().nullable(),
    title: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    messages: z.array(ChatMessageSchema),
  })
  .openapi("Conversation");

export const TurnAnswerSchema = z
  .object({ message: ChatMessageSchema, carried: CarriedSchema.nullable() })
  .openapi("ConversationTurn");

export const RepExportSchema = z
  .object({
    exportedAt: z.string(),
    rep: RepWithNotesSchema,
    conversations: z.array(ConversationSummarySchema.extend({ messages: z.array(ChatMessageSchema) })),
  })
  .openapi("RepExport");
