import { createRoute } from "@hono/zod-openapi";
import { createRouter, json } from "../api/router.js";
import { HealthSchema } from "../api/schemas.js";
import type { CorpusIndex } from "../corpus/corpus-index.js";
import type { ModelStatus } from "../llm/model-status.js";

export interface HealthDeps {
  corpus: CorpusIndex;
  mode: "offline" | "llm";
  version: string;
  /** Present in llm mode: whether the provider answered lately. */
  model?: ModelStatus;
}

const route = createRoute({
  method: "get",
  path: "/",
  summary: "Liveness, mode, corpus size, and in llm mode whether the model's provider answers",
  description: "Public even when COACH_TOKENS is set, and never rate limited: a load balancer's probe.",
  tags: ["health"],
  responses: { 200: json(HealthSchema, "The instance is up") },
});

/** `GET /api/health`: always 200 while the process serves; `degraded` when llm mode's provider is not answering. */
export function healthRoutes(deps: HealthDeps) {
  return createRouter().openapi(route, async (context) => {
    const model = deps.model ? await deps.model.report() : undefined;
    return context.json(
      {
        status: model?.reachable === false ? ("degraded" as const) : ("ok" as const),
        mode: deps.mode,
        corpus: {
          sections: deps.corpus.sections.length,
          chunks: deps.corpus.chunks.length,
          version: deps.corpus.corpus.version,
        },
        ...(model ? { model } : {}),
        version: deps.version,
      },
      200,
    );
  });
}
