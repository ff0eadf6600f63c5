import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, json, jsonBody, strictJsonBody, z } from "../api/router.js";
import { RetrievalSchema } from "../api/schemas.js";
import { LangField, textField } from "../lib/fields.js";
import type { Retriever } from "../retrieval/retriever.js";

export const MAX_QUERY_CHARS = 2000;

export const RetrieveRequestSchema = z
  .object({
    query: textField("query", MAX_QUERY_CHARS),
    k: z.number().int().min(1).max(20).default(5),
    lang: LangField,
  })
  .openapi("RetrieveRequest");

const route = createRoute({
  method: "post",
  path: "/",
  summary: "The handbook passages for a query",
  description: "`abstained: true` with no results when the handbook does not cover the query.",
  tags: ["retrieval"],
  middleware: [strictJsonBody] as const,
  request: jsonBody(RetrieveRequestSchema),
  responses: { 200: json(RetrievalSchema, "The passages, best first"), ...commonErrors },
});

/** `POST /api/retrieve`. */
export function retrieveRoutes(deps: { retriever: Retriever }) {
  return createRouter().openapi(route, async (context) => {
    const request = context.req.valid("json");
    const result = await deps.retriever.retrieve(request.query, {
      k: request.k,
      ...(request.lang === "auto" ? {} : { lang: request.lang }),
    });
    return context.json(result, 200);
  });
}
