import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import "./api/router.js";
import type { AdviceService } from "./coach/advice/advise.js";
import type { ConversationService } from "./coach/chat/conversation-service.js";
import type { RepService } from "./coach/chat/rep-service.js";
import type { FabeService } from "./coach/fabe/fabe-service.js";
import type { ProgressService } from "./coach/progress/progress-service.js";
import type { RoleplayService } from "./coach/roleplay/roleplay-service.js";
import type { CorpusIndex } from "./corpus/corpus-index.js";
import { bearerAuth, type Tokens } from "./lib/auth.js";
import { gracefulBodyLimit } from "./lib/body-limit.js";
import { AppError, type ErrorCode, errorBody } from "./lib/errors.js";
import { allowedMethods } from "./lib/method-not-allowed.js";
import { type RateLimiter, rateLimit } from "./lib/rate-limit.js";
import { requestLog } from "./lib/request-log.js";
import type { Retriever } from "./retrieval/retriever.js";
import { adviceRoutes } from "./routes/advice.js";
import { conversationRoutes } from "./routes/conversations.js";
import { corpusRoutes } from "./routes/corpus.js";
import { fabeRoutes } from "./routes/fabe.js";
import { type HealthDeps, healthRoutes } from "./routes/health.js";
import { progressRoutes } from "./routes/progress.js";
import { repRoutes } from "./routes/reps.js";
import { retrieveRoutes } from "./routes/retrieve.js";
import { roleplayRoutes } from "./routes/roleplay.js";
import { type ApiDocsAssets, apiDocsRoutes } from "./web/api-docs.js";
import { type WebAssets, webRoutes } from "./web/pages.js";

/** What the HTTP layer itself needs: limits, access, logging. */
export interface HttpSettings {
  maxBodyBytes: number;
  /** Origins allowed to call /api/* from a browser (COACH_CORS_ORIGINS); empty: CORS off. */
  corsOrigins: readonly string[];
  /** Bearer tokens (COACH_TOKENS); when present, every /api/* route but health needs one. */
  tokens?: Tokens;
  /** Per-client request limit on /api/* (health excepted); absent means none. */
  rateLimit?: { limiter: RateLimiter; clientKey: (context: Context) => string };
  /** One line per request; absent: no request log. */
  logRequest?: (line: string) => void;
  /** Where unexpected errors are reported (their details never reach the client). */
  logError: (error: unknown, context: { method: string; path: string }) => void;
}

/** What the app needs from its runtime, built by `createAppDeps` (src/wiring/create-app-deps.ts). */
export interface AppDeps {
  corpus: CorpusIndex;
  retriever: Retriever;
  advice: AdviceService;
  fabe: FabeService;
  roleplay: RoleplayService;
  conversations: ConversationService;
  reps: RepService;
  progress: ProgressService;
  web: WebAssets;
  /** Swagger UI's files for /docs; absent on Workers, where static assets serve them (wrangler.toml). */
  apiDocs?: ApiDocsAssets;
  health: Omit<HealthDeps, "corpus">;
  http: HttpSettings;
}

const HEALTH = "/api/health";

/**
 * Builds the whole HTTP service, identical on Node and Workers. The API routes are chained so that `AppType`
 * carries every route's request and response types for the typed client (`hc<AppType>`); each route module gets
 * only the services it uses.
 */
export function createApp(deps: AppDeps) {
  const { http } = deps;
  const app = new OpenAPIHono();

  if (http.logRequest) app.use("*", requestLog(http.logRequest));
  if (http.corsOrigins.length > 0) {
    const origin = http.corsOrigins.includes("*") ? "*" : [...http.corsOrigins];
    app.use("/api/*", cors({ origin, allowHeaders: ["Content-Type", "Authorization"], maxAge: 600 }));
    app.use("/openapi.json", cors({ origin }));
  }
  // Before the body is read: a client over its limit costs us as little as possible.
  if (http.rateLimit) {
    const limited = rateLimit(http.rateLimit.limiter, http.rateLimit.clientKey);
    app.use("/api/*", (context, next) => (context.req.path === HEALTH ? next() : limited(context, next)));
  }
  app.use("/api/*", gracefulBodyLimit(http.maxBodyBytes));
  // Health stays public so that a load balancer's probe works with tokens on.
  // Every fallback, streamed answers' too, is counted for /api/health (routes call markFallback).
  const status = deps.health.model;
  if (status)
    app.use("/api/*", async (context, next) => {
      context.set("onFallback", (reason) => status.noteFallback(reason));
      await next();
    });
  if (http.tokens) {
    const guard = bearerAuth(http.tokens);
    app.use("/api/*", (context, next) => (context.req.path === HEALTH ? next() : guard(context, next)));
  }

  const routes = app
    .route(HEALTH, healthRoutes({ corpus: deps.corpus, ...deps.health }))
    .route("/api/corpus", corpusRoutes({ corpus: deps.corpus }))
    .route("/api/retrieve", retrieveRoutes({ retriever: deps.retriever }))
    .route("/api/advice", adviceRoutes({ advice: deps.advice, conversations: deps.conversations }))
    .route("/api/fabe", fabeRoutes({ fabe: deps.fabe, progress: deps.progress }))
    .route("/api/roleplay", roleplayRoutes({ roleplay: deps.roleplay, reps: deps.reps, progress: deps.progress }))
    .route("/api/conversations", conversationRoutes({ conversations: deps.conversations }))
    .route("/api/reps", repRoutes({ reps: deps.reps }))
    .route("/api", progressRoutes({ progress: deps.progress }));

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "sales-coach",
      version: deps.health.version,
      description:
        "Coaching for sales managers and reps, grounded in the 商務經理學習手冊 handbook. Errors are always " +
        '`{"error": {"code", "message", "details?"}}`. `lang` asks for the answer\'s language; the question\'s ' +
        "language is always detected from its text.",
    },
  });
  app.route("/docs", apiDocsRoutes(deps.apiDocs));
  app.route("/", webRoutes(deps.web));

  const methodsFor = allowedMethods(app.routes);
  app.notFound((context) => {
    // "/docs/" for the page "/docs": a reader who typed the slash is sent on, not told the method is wrong.
    const path = context.req.path;
    const bare = path.length > 1 && path.endsWith("/") ? path.replace(/\/+$/, "") : undefined;
    if (bare && ["GET", "HEAD"].includes(context.req.method) && methodsFor(bare).includes(context.req.method)) {
      const query = new URL(context.req.url).search;
      return context.redirect(`${bare}${query}`, 308);
    }
    const allowed = methodsFor(context.req.path);
    if (allowed.length === 0) {
      return context.json(errorBody("not_found", `No route for ${context.req.method} ${context.req.path}.`), 404);
    }
    const allow = [...allowed, "OPTIONS"].join(", ");
    // Without CORS, OPTIONS still says what a path accepts.
    if (context.req.method === "OPTIONS") return context.body(null, 204, { Allow: allow });
    return context.json(
      errorBody(
        "method_not_allowed",
        `${context.req.path} does not accept ${context.req.method}; use ${allowed.join(" or ")}.`,
      ),
      405,
      { Allow: allow },
    );
  });

  app.onError((error, context) => {
    if (error instanceof AppError) {
      // A 5xx AppError (storage unreachable) is still ours to look into: its cause goes to the log.
      const request = { method: context.req.method, path: context.req.path };
      if (error.status >= 500) http.logError(error.cause ?? error, request);
      return context.json(errorBody(error.code, error.message, error.details), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return context.json(errorBody(codeFor(error.status), error.message || "Bad request."), error.status);
    }
    http.logError(error, { method: context.req.method, path: context.req.path });
    return context.json(errorBody("internal", "Something went wrong on our side; the error has been logged."), 500);
  });

  return routes;
}

/** Every route's types, for `hc<AppType>` (src/api/client.ts). */
export type AppType = ReturnType<typeof createApp>;

function codeFor(status: number): ErrorCode {
  if (status === 413) return "payload_too_large";
  if (status === 415) return "unsupported_media_type";
  if (status === 404) return "not_found";
  return "invalid_request";
}
