import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, json, jsonBody, markFallback, strictJsonBody, z } from "../api/router.js";
import { DrillSchema, FabeResultSchema, LangSchema } from "../api/schemas.js";
import type { FabeService } from "../coach/fabe/fabe-service.js";
import type { ProgressService } from "../coach/progress/progress-service.js";
import { AppError } from "../lib/errors.js";
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
    drill: z.string().min(1).max(100).optional().openapi({
      description:
        "The practice prompt answered (GET /api/fabe/drills): its product, and the focus the next drill spaces.",
    }),
    lang: LangField,
  })
  .openapi("FabeRequest");

const score = createRoute({
  method: "post",
  path: "/score",
  summary: "FABE feedback on a pitch, sentence by sentence (kept in my progress)",
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

/** `POST /api/fabe/score` (each scored pitch is kept in the caller's progress) and `GET /api/fabe/drills` (optionally `?lang=`). */
export function fabeRoutes(deps: { fabe: FabeService; progress: ProgressService }) {
  return createRouter()
    .openapi(score, async (context) => {
      const request = context.req.valid("json");
      const drill = request.drill ? deps.fabe.drills.find((candidate) => candidate.id === request.drill) : undefined;
      if (request.drill && !drill)
        throw new AppError(
          "invalid_request",
          "Invalid field drill: no such practice prompt (GET /api/fabe/drills lists them).",
          [{ path: "drill", message: "unknown drill" }],
        );
      const product = request.product ?? drill?.product;
      const result = await deps.fabe.score(request.pitch, product, request.lang === "auto" ? undefined : request.lang);
      if (result.fallback) markFallback(context, result.fallback);
      await deps.progress.recordDrill(result, drill?.id, context.get("viewer"));
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
