import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppDeps } from "../app.js";
import { AdviceRequestSchema } from "../coach/advice/schema.js";
import { readJson } from "../lib/json-body.js";

/**
 * `POST /api/advice`: grounded advice for a manager's scenario. With `stream: true` or
 * `Accept: text/event-stream` the answer comes as Server-Sent Events: `delta` events with text as it is
 * produced, then one `final` event carrying the whole validated response.
 */
export function adviceRoutes(deps: AppDeps): Hono {
  return new Hono().post("/", async (context) => {
    const request = await readJson(context, AdviceRequestSchema);
    const lang = request.lang === "auto" ? undefined : request.lang;
    const wantsStream = request.stream || (context.req.header("accept") ?? "").includes("text/event-stream");
    if (!wantsStream) return context.json(await deps.advice.advise(request.scenario, lang));
    return streamSSE(context, async (stream) => {
      const advice = await deps.advice.advise(request.scenario, lang, async (text) => {
        await stream.writeSSE({ event: "delta", data: JSON.stringify({ text }) });
      });
      await stream.writeSSE({ event: "final", data: JSON.stringify(advice) });
    });
  });
}
