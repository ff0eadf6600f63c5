import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, json, jsonBody, strictJsonBody, z } from "../api/router.js";
import { DrillSchema, FabeResultSchema, LangSchema } from "../api/schemas.js";
import type { FabeService } from "../coach/fabe/fabe-service.js";
import { LangField, textField } from "../lib/fields.js";

export const MAX_PITCH_CHARS = 4000;

export const FabeRequestSchema = z
  .object({
    pitch: textField("pitch", MAX_PITCH_CHARS),
    product: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "A product card id (GET /api/fabe/drills)." }),
    lang: LangField,
  })
  .openapi("FabeRequest");

const score = createRoute({
  method: "post",
  path: "/score",
  summary: "FABE feedback on a pitch, sentence by sentence",
  tags: ["fabe"],
  middleware: [strictJsonBody] as const,
  request: jsonBody(FabeRequestSchema),
  responses: {
    200: json(FabeResultSchema, "Labels, what is missing, violations, a 0–100 score, a rewrite"),
    ...commonErrors,
  },
});

const drills = createRoute({
  method: "get",
  path: "/drills",
  summary: "Practice prompts, each with a product card",
  tags: ["fabe"],
  request: { query: z.object({ lang: LangSchema.optional() }) },
  responses: { 200: json(z.array(DrillSchema), "The drills"), 400: commonErrors[400] },
});

/** `POST /api/fabe/score` and `GET /api/fabe/drills` (optionally `?lang=`). */
export function fabeRoutes(deps: { fabe: FabeService }) {
  return createRouter()
    .openapi(score, async (context) => {
      const request = context.req.valid("json");
      const result = await deps.fabe.score(
        request.pitch,
        request.product,
        request.lang === "auto" ? undefined : request.lang,
      );
      if (result.fallback) context.set("fallback", result.fallback);
      return context.json(result, 200);
    })
    .openapi(drills, (context) => {
      const { lang } = context.req.valid("query");
      const chosen = deps.fabe.drills.filter((drill) => !lang || drill.lang === lang);
      return context.json(
        chosen.map((drill) => ({
          ...drill,
          productName: deps.fabe.products.find((product) => product.id === drill.product)?.name[drill.lang],
        })),
        200,
      );
    });
}
