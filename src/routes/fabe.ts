import { Hono } from "hono";
import { z } from "zod";
import { LangField, textField } from "../lib/fields.js";
import type { AppDeps } from "../app.js";
import { AppError } from "../lib/errors.js";
import { readJson } from "../lib/json-body.js";

export const MAX_PITCH_CHARS = 4000;

export const FabeRequestSchema = z.object({
  pitch: textField("pitch", MAX_PITCH_CHARS),
  product: z.string().min(1).max(100).optional(),
  lang: LangField,
});

/** `POST /api/fabe/score` and `GET /api/fabe/drills` (optionally `?lang=`). */
export function fabeRoutes(deps: AppDeps): Hono {
  return new Hono()
    .post("/score", async (context) => {
      const request = await readJson(context, FabeRequestSchema);
      if (request.product && !deps.fabe.products.some((product) => product.id === request.product)) {
        throw new AppError("invalid_request", `Unknown product "${request.product}"; see GET /api/fabe/drills for product ids.`);
      }
      return context.json(await deps.fabe.score(request.pitch, request.product, request.lang === "auto" ? undefined : request.lang));
    })
    .get("/drills", (context) => {
      const lang = context.req.query("lang");
      if (lang && !["zh-Hant", "zh-Hans", "en"].includes(lang)) throw new AppError("invalid_request", "lang must be zh-Hant, zh-Hans or en.");
      const drills = deps.fabe.drills.filter((drill) => !lang || drill.lang === lang);
      return context.json(
        drills.map((drill) => ({ ...drill, productName: deps.fabe.products.find((product) => product.id === drill.product)?.name[drill.lang] })),
      );
    });
}
