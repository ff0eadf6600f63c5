import { Hono } from "hono";
import { z } from "zod";
import { LangField, textField } from "../lib/fields.js";
import type { AppDeps } from "../app.js";
import { readJson } from "../lib/json-body.js";

export const MAX_QUERY_CHARS = 2000;

export const RetrieveRequestSchema = z.object({
  query: textField("query", MAX_QUERY_CHARS),
  k: z.number().int().min(1).max(20).default(5),
  lang: LangField,
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
