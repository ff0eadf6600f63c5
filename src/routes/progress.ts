import { createRoute } from "@hono/zod-openapi";
import { ProgressSchema, TeamRowSchema } from "../api/progress-schemas.js";
import { commonErrors, createRouter, errorResponse, json, z } from "../api/router.js";
import { LangSchema } from "../api/schemas.js";
import type { ProgressService, ReadOptions } from "../coach/progress/progress-service.js";

const ReadQuery = z.object({
  lang: LangSchema.optional().openapi({ param: { name: "lang", in: "query" } }),
  tz: z.coerce
    .number()
    .int()
    .min(-840)
    .max(840)
    .optional()
    .openapi({
      param: { name: "tz", in: "query" },
      description: "The reader's offset from UTC in minutes east (480 in Taipei), for days and weeks; 0 if absent.",
    }),
});
const UserParams = z.object({
  user: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "user", in: "path" } }),
});
const tags = ["progress"];

const mine = createRoute({
  method: "get",
  path: "/progress",
  summary: "My practice: pitches, role-plays, figures and the next drill",
  tags,
  request: { query: ReadQuery },
  responses: { 200: json(ProgressSchema, "My progress"), ...commonErrors },
});
const exportCsv = createRoute({
  method: "get",
  path: "/progress/export.csv",
  summary: "My practice records as CSV (UTF-8 with a byte-order mark)",
  tags,
  responses: {
    200: { content: { "text/csv": { schema: z.string() } }, description: "One line per record, oldest first" },
    ...commonErrors,
  },
});
const remove = createRoute({
  method: "delete",
  path: "/progress",
  summary: "Delete all my practice records",
  tags,
  responses: { 204: { description: "Deleted" }, ...commonErrors },
});
const team = createRoute({
  method: "get",
  path: "/team/progress",
  summary: "My team's practice, one row per rep (managers)",
  tags,
  request: { query: ReadQuery },
  responses: {
    200: json(z.array(TeamRowSchema), "The team"),
    403: errorResponse("Not a manager"),
    ...commonErrors,
  },
});
const member = createRoute({
  method: "get",
  path: "/team/progress/{user}",
  summary: "One member's practice, as they see it (managers)",
  tags,
  request: { params: UserParams, query: ReadQuery },
  responses: {
    200: json(ProgressSchema, "Their progress"),
    403: errorResponse("Not a manager"),
    404: errorResponse("No one of that name in your team"),
    ...commonErrors,
  },
});

function readOptions(query: { lang?: ReadOptions["lang"] | undefined; tz?: number | undefined }): ReadOptions {
  return { lang: query.lang ?? "zh-Hant", offsetMinutes: query.tz ?? 0 };
}

/** Practice records (DESIGN §7): mine, my team's, the export, the deletion. Mounted at /api. */
export function progressRoutes(deps: { progress: ProgressService }) {
  return createRouter()
    .openapi(mine, async (context) =>
      context.json(await deps.progress.mine(context.get("viewer"), readOptions(context.req.valid("query"))), 200),
    )
    .openapi(exportCsv, async (context) => {
      const viewer = context.get("viewer");
      const csv = await deps.progress.exportCsv(viewer);
      const name = (viewer?.user ?? "local").replace(/[^\w.-]+/g, "_");
      return context.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="practice-${name}.csv"`,
      });
    })
    .openapi(remove, async (context) => {
      await deps.progress.deleteMine(context.get("viewer"));
      return context.body(null, 204);
    })
    .openapi(team, async (context) =>
      context.json(await deps.progress.team(context.get("viewer"), readOptions(context.req.valid("query"))), 200),
    )
    .openapi(member, async (context) =>
      context.json(
        await deps.progress.member(
          context.get("viewer"),
          context.req.valid("param").user,
          readOptions(context.req.valid("query")),
        ),
        200,
      ),
    );
}
