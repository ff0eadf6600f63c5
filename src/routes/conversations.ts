import { createRoute } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import {
  ConversationSchema,
  ConversationSummarySchema,
  MAX_MESSAGE_CHARS,
  TurnAnswerSchema,
} from "../api/chat-schemas.js";
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
import type { ConversationService } from "../coach/chat/conversation-service.js";
import { LangField, textField } from "../lib/fields.js";

const CreateSchema = z
  .object({ repId: z.string().min(1).max(200).optional(), lang: LangField })
  .strict()
  .openapi("ConversationCreate");
const MessageSchema = z
  .object({ text: textField("text", MAX_MESSAGE_CHARS), lang: LangField, stream: z.boolean().default(false) })
  .strict()
  .openapi("ConversationMessage");
const Params = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});
const ListQuery = z.object({
  repId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: "repId", in: "query" } }),
});
const notFound = errorResponse("No such conversation, or not yours");
const tags = ["conversations"];

const create = createRoute({
  method: "post",
  path: "/",
  summary: "Start a conversation (optionally about a rep's file)",
  tags,
  middleware: [strictJsonBody] as const,
  request: jsonBody(CreateSchema),
  responses: {
    201: json(ConversationSchema, "The new, empty conversation"),
    404: errorResponse("No such rep file"),
    ...commonErrors,
  },
});
const list = createRoute({
  method: "get",
  path: "/",
  summary: "My conversations, newest first",
  tags,
  request: { query: ListQuery },
  responses: { 200: json(z.array(ConversationSummarySchema), "The conversations"), ...commonErrors },
});
const read = createRoute({
  method: "get",
  path: "/{id}",
  summary: "A conversation with its messages",
  tags,
  request: { params: Params },
  responses: { 200: json(ConversationSchema, "The conversation"), 404: notFound },
});
const message = createRoute({
  method: "post",
  path: "/{id}/messages",
  summary: "Ask in a conversation; a follow-up is answered in the context of earlier turns and the rep's file",
  description:
    "The answer's `advice` has the `/api/advice` shape; `carried` says what it took from earlier turns or the rep's " +
    "file. With `stream: true` or `Accept: text/event-stream`: `delta` events, then one `final` event with the " +
    "whole answer, sent after the turn is stored.",
  tags,
  middleware: [strictJsonBody] as const,
  request: { params: Params, ...jsonBody(MessageSchema) },
  responses: {
    200: {
      description: "The coach's answer (JSON), or its stream (SSE)",
      content: {
        "application/json": { schema: TurnAnswerSchema },
        "text/event-stream": { schema: { type: "string" } },
      },
    },
    404: notFound,
    422: errorResponse("Another message was answered at the same time"),
    ...commonErrors,
  },
});
const remove = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Delete a conversation and its messages",
  tags,
  request: { params: Params },
  responses: { 204: { description: "Deleted" }, 404: notFound },
});

/** `/api/conversations`: the manager's chat with memory. */
export function conversationRoutes(deps: { conversations: ConversationService }) {
  return createRouter()
    .openapi(create, async (context) => {
      const request = context.req.valid("json");
      const created = await deps.conversations.create(
        { lang: request.lang, ...(request.repId ? { repId: request.repId } : {}) },
        context.get("viewer"),
      );
      return context.json(created, 201);
    })
    .openapi(list, async (context) => {
      const { repId } = context.req.valid("query");
      return context.json(await deps.conversations.list(context.get("viewer"), repId), 200);
    })
    .openapi(read, async (context) =>
      context.json(await deps.conversations.get(context.req.valid("param").id, context.get("viewer")), 200),
    )
    .openapi(message, async (context) => {
      const { id } = context.req.valid("param");
      const request = context.req.valid("json");
      const ask = { text: request.text, ...(request.lang === "auto" ? {} : { lang: request.lang }) };
      const viewer = context.get("viewer");
      const wantsStream = request.stream || (context.req.header("accept") ?? "").includes("text/event-stream");
      if (!wantsStream) {
        const answer = await deps.conversations.message(id, ask, viewer);
        if (answer.message.advice?.fallback) markFallback(context, answer.message.advice.fallback);
        return context.json(answer, 200);
      }
      // The conversation is looked up before the stream opens, so a wrong id is still a 404.
      await deps.conversations.get(id, viewer);
      return streamSSE(context, async (stream) => {
        try {
          const answer = await deps.conversations.message(id, ask, viewer, async (text) => {
            await stream.writeSSE({ event: "delta", data: JSON.stringify({ text }) });
          });
          await stream.writeSSE({ event: "final", data: JSON.stringify(answer) });
        } catch (error) {
          // The status line is sent: the error goes as an event in the error format, and nothing was stored.
          const code = error instanceof Error && "code" in error ? String(error.code) : "internal";
          const text = error instanceof Error && "code" in error ? error.message : "Something went wrong on our side.";
          await stream.writeSSE({ event: "error", data: JSON.stringify({ error: { code, message: text } }) });
          if (!(error instanceof Error && "code" in error)) throw error;
        }
      });
    })
    .openapi(remove, async (context) => {
      await deps.conversations.remove(context.req.valid("param").id, context.get("viewer"));
      return context.body(null, 204);
    });
}
