import { Hono } from "hono";
import type { AppDeps } from "../app.js";

/** `GET /api/health`: liveness plus what a client needs to know about this instance. */
export function healthRoutes(deps: AppDeps): Hono {
  return new Hono().get("/", (context) =>
    context.json({
      status: "ok",
      mode: deps.mode,
      corpus: {
        sections: deps.corpus.sections.length,
        chunks: deps.corpus.chunks.length,
        version: deps.corpus.corpus.version,
      },
      version: deps.version,
    }),
  );
}
