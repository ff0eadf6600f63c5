import { z } from "./router.js";

const Element = z.enum(["F", "A", "B", "E"]);
const Presence = z.object({ F: z.boolean(), A: z.boolean(), B: z.boolean(), E: z.boolean() });
const Rate = z.number().min(0).max(1).nullable();
const Criterion = z.object({ id: z.string(), name: z.string(), missed: z.number().int(), of: z.number().int() });
const Week = z.object({ drills: z.number().int(), roleplays: z.number().int() });

export const DrillRecordSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    score: z.number(),
    present: Presence,
    missing: z.array(Element),
    violations: z.array(z.string()),
    product: z.string().nullable(),
    drill: z.string().nullable(),
  })
  .openapi("DrillRecord");

export const RoleplayRecordSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    persona: z.string(),
    personaName: z.string(),
    mode: z.enum(["manager-rep", "rep-customer"]),
    sessionId: z.string(),
    score: z.number(),
    ended: z.string().nullable(),
    criteria: z.array(z.object({ id: z.string(), name: z.string(), met: z.boolean() })),
  })
  .openapi("RoleplayRecord");

export const NextDrillSchema = z
  .object({
    element: z.enum(["F", "A", "B", "E", "all"]),
    reason: z.string(),
    drill: z.string().nullable().openapi({ description: "A practice prompt on it (GET /api/fabe/drills)." }),
  })
  .openapi("NextDrill");

export const ProgressSchema = z
  .object({
    user: z.string(),
    drills: z.array(DrillRecordSchema).openapi({ description: "The newest pitches first (up to 200)." }),
    roleplays: z
      .array(RoleplayRecordSchema)
      .openapi({ description: "The newest debriefed sessions first (up to 200)." }),
    next: NextDrillSchema,
    summary: z.object({
      drills: z.number().int(),
      roleplays: z.number().int(),
      avgFabe: z.number().nullable(),
      avgRoleplay: z.number().nullable(),
      presence: z.object({ F: Rate, A: Rate, B: Rate, E: Rate }),
      weakestElement: Element.nullable(),
      thisWeek: Week,
      streak: z.number().int().openapi({ description: "Days in a row with practice, up to today or yesterday." }),
      lastAt: z.string().nullable(),
      personas: z.array(
        z.object({
          persona: z.string(),
          name: z.string(),
          sessions: z.number().int(),
          avg: z.number(),
          best: z.number(),
          lastAt: z.string(),
        }),
      ),
      missedCriteria: z.array(Criterion).openapi({ description: "Most often missed first." }),
    }),
  })
  .openapi("Progress");

export const TeamRowSchema = z
  .object({
    user: z.string(),
    drills: z.number().int(),
    roleplays: z.number().int(),
    avgFabe: z.number().nullable(),
    avgRoleplay: z.number().nullable(),
    weakestElement: Element.nullable(),
    weakestCriterion: Criterion.nullable(),
    lastAt: z.string().nullable(),
    thisWeek: Week,
    repId: z.string().optional().openapi({ description: "The manager's file on this rep (a file naming this login)." }),
  })
  .openapi("TeamRow");
