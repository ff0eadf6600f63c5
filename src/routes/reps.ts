import { createRoute } from "@hono/zod-openapi";
import {
  NoteRequestSchema,
  RepExportSchema,
  RepFieldsSchema,
  RepNoteSchema,
  RepPatchSchema,
  RepSchema,
  RepWithNotesSchema,
} from "../api/chat-schemas.js";
import { commonErrors, createRouter, errorResponse, json, jsonBody, strictJsonBody, z } from "../api/router.js";
import type { RepService } from "../coach/chat/rep-service.js";
import type { RepFields } from "../coach/chat/types.js";

const Params = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});
const notFound = errorResponse("No such rep file, or not yours");
const tags = ["reps"];

const create = createRoute({
  method: "post",
  path: "/",
  summary: "Open a rep's file (職員檔案)",
  tags,
  middleware: [strictJsonBody] as const,
  request: jsonBody(RepFieldsSchema),
  responses: { 201: json(RepSchema, "The file, with tenure and a likely stage derived"), ...commonErrors },
});
const list = createRoute({
  method: "get",
  path: "/",
  summary: "My reps' files, by name",
  tags,
  responses: { 200: json(z.array(RepSchema), "The files"), ...commonErrors },
});
const read = createRoute({
  method: "get",
  path: "/{id}",
  summary: "A rep's file with its notes, newest first",
  tags,
  request: { params: Params },
  responses: { 200: json(RepWithNotesSchema, "The file"), 404: notFound },
});
const update = createRoute({
  method: "patch",
  path: "/{id}",
  summary: "Change fields of a file (null clears one)",
  tags,
  middleware: [strictJsonBody] as const,
  request: { params: Params, ...jsonBody(RepPatchSchema) },
  responses: { 200: json(RepWithNotesSchema, "The file"), 404: notFound, ...commonErrors },
});
const remove = createRoute({
  method: "delete",
  path: "/{id}",
  summary: "Delete a file and its notes for real (its conversations stay, no longer linked)",
  tags,
  request: { params: Params },
  responses: { 204: { description: "Deleted" }, 404: notFound },
});
const addNote = createRoute({
  method: "post",
  path: "/{id}/notes",
  summary: "Add a dated note: a problem noticed, a talk held, anything",
  tags,
  middleware: [strictJsonBody] as const,
  request: { params: Params, ...jsonBody(NoteRequestSchema) },
  responses: { 201: json(RepNoteSchema, "The note"), 404: notFound, ...commonErrors },
});
const exportFile = createRoute({
  method: "get",
  path: "/{id}/export",
  summary: "The file, its notes and its conversations as JSON",
  tags,
  request: { params: Params },
  responses: { 200: json(RepExportSchema, "Everything kept about this rep"), 404: notFound },
});

/** `/api/reps`: rep files and their notes. */
export function repRoutes(deps: { reps: RepService }) {
  return createRouter()
    .openapi(create, async (context) =>
      context.json(await deps.reps.create(context.req.valid("json") as RepFields, context.get("viewer")), 201),
    )
    .openapi(list, async (context) => context.json(await deps.reps.list(context.get("viewer")), 200))
    .openapi(read, async (context) =>
      context.json(await deps.reps.get(context.req.valid("param").id, context.get("viewer")), 200),
    )
    .openapi(update, async (context) => {
      const patch = context.req.valid("json") as Partial<Record<keyof RepFields, unknown>>;
      return context.json(await deps.reps.update(context.req.valid("param").id, patch, context.get("viewer")), 200);
    })
    .openapi(remove, async (context) => {
      await deps.reps.remove(context.req.valid("param").id, context.get("viewer"));
      return context.body(null, 204);
    })
    .openapi(addNote, async (context) => {
      const { id } = context.req.valid("param");
      const note = context.req.valid("json");
      return context.json(await deps.reps.addNote(id, note, context.get("viewer")), 201);
    })
    .openapi(exportFile, async (context) => {
      const { id } = context.req.valid("param");
      const exported = await deps.reps.export(id, context.get("viewer"));
      context.header("Content-Disposition", `attachment; filename="rep-${id}.json"`);
      return context.json(exported, 200);
    });
}
