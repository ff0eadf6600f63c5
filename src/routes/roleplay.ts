import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { MAX_MESSAGE_CHARS } from "../coach/roleplay/roleplay-service.js";
import { LangField, textField } from "../lib/fields.js";
import { readJson } from "../lib/json-body.js";

const CreateSchema = z.object({ persona: z.string().min(1).max(100), lang: LangField });
const MessageSchema = z.object({ text: textField("text", MAX_MESSAGE_CHARS) });

/** Role-play (DESIGN §4): personas, sessions, turns and the debrief. */
export function roleplayRoutes(deps: AppDeps): Hono {
  return new Hono()
    .get("/personas", (context) => context.json(deps.roleplay.list()))
    .post("/sessions", async (context) => {
      const request = await readJson(context, CreateSchema);
      return context.json(await deps.roleplay.create(request.persona, request.lang, context.get("viewer")), 201);
    })
    .get("/sessions/:id", async (context) => context.json(await deps.roleplay.get(context.req.param("id"), context.get("viewer"))))
    .post("/sessions/:id/messages", async (context) => {
      const request = await readJson(context, MessageSchema);
      return context.json(await deps.roleplay.message(context.req.param("id"), request.text, context.get("viewer")));
    })
    .post("/sessions/:id/debrief", async (context) => context.json(await deps.roleplay.debrief(context.req.param("id"), context.get("viewer"))));
}
