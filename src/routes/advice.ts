import { createRoute } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { commonErrors, createRouter, jsonBody, markFallback, strictJsonBody } from "../api/router.js";
import { AdviceSchema } from "../api/schemas.js";
import type { AdviceService } from "../coach/advice/advise.js";
import { AdviceRequestSchema } from "../coach/advice/schema.js";
import type { ConversationService } from "../coach/chat/conversation-service.js";

const route = createRoute({
  method: "post",
  path: "/",
  summary: "Grounded advice for a manager's scenario",
  description:
    "Every step cites handbook passages. With `stream: true` or `Accept: text/event-stream` the answer comes as " +
    "Server-Sent Events: `delta` events (`{text}`) as it is produced, then one `final` event with the whole answer.",
  tags: ["advice"],
  middleware: [strictJsonBody] as const,
  request: jsonBody(AdviceRequestSchema),
  responses: {
    200: {
      description: "The advice (JSON), or its stream (SSE)",
      content: { "application/json": { schema: AdviceSchema }, "text/event-stream": { schema: { type: "string" } } },
    },
    ...commonErrors,
  },
});

/** `POST /api/advice`. */
export function adviceRoutes(deps: { advice: AdviceService; conversations: ConversationService }) {
  return createRouter().openapi(route, async (context) => {
    const request = context.req.valid("json");
    const lang = request.lang === "auto" ? undefined : request.lang;
    const viewer = context.get("viewer");
    const { repId } = request;
    const advise = (onDelta?: (text: string) => Promise<void>) =>
      repId
        ? deps.conversations.adviseAbout(repId, { text: request.scenario, ...(lang ? { lang } : {}) }, viewer, onDelta)
        : deps.advice.advise(request.scenario, lang, onDelta);
    const wantsStream = request.stream || (context.req.header("accept") ?? "").includes("text/event-stream");
    if (!wantsStream) {
      const advice = await advise();
      if (advice.fallback) markFallback(context, advice.fallback);
      return context.json(advice, 200);
    }
    // A wrong rep is a 404 before the stream's status line goes out.
    if (repId) await deps.conversations.requireRep(repId, viewer);
    return streamSSE(context, async (stream) => {
      const advice = await advise(async (text) => {
        await stream.writeSSE({ event: "delta", data: JSON.stringify({ text }) });
      });
      if (advice.fallback) markFallback(context, advice.fallback);
      await stream.writeSSE({ event: "final", data: JSON.stringify(advice) });
    });
  });
}
