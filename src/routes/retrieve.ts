import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps } from "../app.js";
import { readJson } from "../lib/json-body.js";

export const MAX_QUERY_CHARS = 2000;

export const RetrieveRequestSchema = z.object({
  query: z
    .string({ message: "query must be a string" })
    .trim()
    .min(1, "query is empty")
    .max(MAX_QUERY_CHARS, `query is longer than ${MAX_QUERY_CHARS} characters; shorten it`),
  k: z.number().int().min(1).max(20).default(5),
  lang: z.enum(["auto", "zh-Hant", "zh-Hans", "en"]).default("auto"),
});

/** `POST /api/retrieve`: the handbook passages for a query, or `abstained: true` when it is out of scope. */
export function retrieveRoutes(deps: AppDeps): Hono {
  return new Hono().post("/", async (context) => {
    const request = await readJson(context, RetrieveRequestSchema);
    const result = await deps.retriever.retrieve(request.query, {
      k: request.k,
      ...(request.lang === "auto" ? {} : { lang: request.lang }),
    });
    return context.json(result);
  });
}
