import { Hono } from "hono";
import type { AppDeps } from "../app.js";
import { AppError } from "../lib/errors.js";

/** The handbook as built: chunks in reading order, one chunk by id, and the heading tree. */
export function corpusRoutes(deps: AppDeps): Hono {
  return new Hono()
    .get("/chunks", (context) => context.json(deps.corpus.chunks))
    .get("/chunks/:id", (context) => {
      const id = context.req.param("id");
      const chunk = deps.corpus.chunk(id);
      if (!chunk) throw new AppError("not_found", `No chunk with id "${id.slice(0, 80)}".`);
      return context.json(chunk);
    })
    .get("/sections", (context) => context.json(deps.corpus.tree));
}
