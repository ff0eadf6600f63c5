import { createRoute } from "@hono/zod-openapi";
import { createRouter, errorResponse, json, z } from "../api/router.js";
import { ChunkSchema, SectionNodeSchema } from "../api/schemas.js";
import type { CorpusIndex } from "../corpus/corpus-index.js";
import { AppError } from "../lib/errors.js";

const chunks = createRoute({
  method: "get",
  path: "/chunks",
  summary: "Every chunk, in handbook order",
  tags: ["corpus"],
  responses: { 200: json(z.array(ChunkSchema), "The chunks") },
});

const chunk = createRoute({
  method: "get",
  path: "/chunks/{id}",
  summary: "One chunk by id",
  tags: ["corpus"],
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: "id", in: "path" }, example: "4.5.4.2.2-01" }),
    }),
  },
  responses: { 200: json(ChunkSchema, "The chunk"), 404: errorResponse("No chunk with that id") },
});

const sections = createRoute({
  method: "get",
  path: "/sections",
  summary: "The heading tree",
  tags: ["corpus"],
  responses: { 200: json(z.array(SectionNodeSchema), "The tree, from the handbook's four parts down") },
});

/** The handbook as built: chunks in reading order, one chunk by id, and the heading tree. */
export function corpusRoutes(deps: { corpus: CorpusIndex }) {
  return createRouter()
    .openapi(chunks, (context) => context.json([...deps.corpus.chunks], 200))
    .openapi(chunk, (context) => {
      const { id } = context.req.valid("param");
      const found = deps.corpus.chunk(id);
      if (!found) throw new AppError("not_found", `No chunk with id "${id.slice(0, 80)}".`);
      return context.json(found, 200);
    })
    .openapi(sections, (context) => context.json(deps.corpus.tree, 200));
}
