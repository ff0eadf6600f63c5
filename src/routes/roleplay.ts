import { createRoute } from "@hono/zod-openapi";
import {
  commonErrors,
  createRouter,
  errorResponse,
  json,
  jsonBody,
  markFallback,
  strictJsonBody,
  z,
} from "../api/router.js";
import { DebriefSchema, NewSessionSchema, PersonaSummarySchema, SessionSchema, TurnSchema } from "../api/schemas.js";
import { personaForRep } from "../coach/chat/rep-persona.js";
import type { RepService, RepView } from "../coach/chat/rep-service.js";
import type { ProgressService } from "../coach/progress/progress-service.js";
import { MAX_MESSAGE_CHARS, type RoleplayService } from "../coach/roleplay/roleplay-service.js";
import { LangField, textField } from "../lib/fields.js";

const CreateSchema = z
  .object({
    persona: z.string().min(1).max(100).optional(),
    /** A rep's file (/api/reps): the session plays that rep, as the persona of its type and stage. */
    repId: z.string().min(1).max(200).optional(),
    lang: LangField,
  })
  .refine((body) => body.persona !== undefined || body.repId !== undefined, {
    message: "name a persona, or a rep's file (repId)",
    path: ["persona"],
  })
  .openapi("RoleplayCreate");
const MessageSchema = z.object({ text: textField("text", MAX_MESSAGE_CHARS) }).openapi("RoleplayMessage");
const SessionParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});
const notFound = errorResponse("No such session, or not yours (COACH_TOKENS)");
const tags = ["roleplay"];

const personas = createRoute({
  method: "get",
  path: "/personas",
  summary: "The simulated reps and customers",
  tags,
  responses: { 200: json(z.array(PersonaSummarySchema), "The personas") },
});
const create = createRoute({
  method: "post",
  path: "/sessions",
  summary: "Start a session with a persona",
  tags,
  middleware: [strictJsonBody] as const,
  request: jsonBody(CreateSchema),
  responses: { 201: json(NewSessionSchema, "The new session, with the persona's opening line"), ...commonErrors },
});
const read = createRoute({
  method: "get",
  path: "/sessions/{id}",
  summary: "A session's transcript and state",
  tags,
  request: { params: SessionParams },
  responses: { 200: json(SessionSchema, "The session"), 404: notFound },
});
const message = createRoute({
  method: "post",
  path: "/sessions/{id}/messages",
  summary: "Say something; the persona answers",
  tags,
  middleware: [strictJsonBody] as const,
  request: { params: SessionParams, ...jsonBody(MessageSchema) },
  responses: {
    200: json(TurnSchema, "The persona's reply and the new state"),
    404: notFound,
    422: errorResponse("The session has ended, or another message was taken at the same time"),
    ...commonErrors,
  },
});
const debrief = createRoute({
  method: "post",
  path: "/sessions/{id}/debrief",
  summary: "Score the session against the handbook (kept in the practiser's progress)",
  tags,
  request: { params: SessionParams },
  responses: {
    200: json(DebriefSchema, "Each criterion met or missed, with the user's words and the handbook's advice"),
    404: notFound,
  },
});

/** Role-play: personas, sessions, turns and the debrief. */
export function roleplayRoutes(deps: { roleplay: RoleplayService; reps: RepService; progress: ProgressService }) {
  return createRouter()
    .openapi(personas, (context) => context.json(deps.roleplay.list(), 200))
    .openapi(create, async (context) => {
      const request = context.req.valid("json");
      const viewer = context.get("viewer");
      const rep = request.repId ? await deps.reps.get(request.repId, viewer) : undefined;
      const persona = request.persona ?? personaForRep(rep as RepView, rep as RepView);
      const session = await deps.roleplay.create(persona, request.lang, viewer);
      return context.json({ ...session, ...(rep ? { rep: { id: rep.id, name: rep.name } } : {}) }, 201);
    })
    .openapi(read, async (context) =>
      context.json(await deps.roleplay.get(context.req.valid("param").id, context.get("viewer")), 200),
    )
    .openapi(message, async (context) => {
      const { id } = context.req.valid("param");
      const turn = await deps.roleplay.message(id, context.req.valid("json").text, context.get("viewer"));
      if (turn.fallback) markFallback(context, turn.fallback);
      return context.json(turn, 200);
    })
    .openapi(debrief, async (context) => {
      const viewer = context.get("viewer");
      const { debrief, session } = await deps.roleplay.debriefSession(context.req.valid("param").id, viewer);
      // Kept for whoever practised (the session's owner), so a rep's progress and the manager's team show it.
      await deps.progress.recordRoleplay({ ...session, score: debrief.score, criteria: debrief.criteria }, viewer);
      return context.json(debrief, 200);
    });
}
