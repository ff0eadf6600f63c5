import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { Mode } from "./config.js";
import type { CorpusIndex } from "./corpus/corpus-index.js";
import { AppError, errorBody } from "./lib/errors.js";
import { rateLimit, type RateLimiter } from "./lib/rate-limit.js";
import { bearerAuth, type Tokens } from "./lib/auth.js";
import { corpusRoutes } from "./routes/corpus.js";
import { healthRoutes } from "./routes/health.js";
import { retrieveRoutes } from "./routes/retrieve.js";
import { adviceRoutes } from "./routes/advice.js";
import type { AdviceService } from "./coach/advice/advise.js";
import type { FabeService } from "./coach/fabe/fabe-service.js";
import { fabeRoutes } from "./routes/fabe.js";
import type { RoleplayService } from "./coach/roleplay/roleplay-service.js";
import { roleplayRoutes } from "./routes/roleplay.js";
import { webRoutes, type WebAssets } from "./web/pages.js";
import type { Retriever } from "./retrieval/retriever.js";

/** What the app needs from its runtime; the entries build these and nothing else reads the environment. */
export interface AppDeps {
  corpus: CorpusIndex;
  retriever: Retriever;
  advice: AdviceService;
  fabe: FabeService;
  roleplay: RoleplayService;
  web: WebAssets;
  mode: Mode;
  version: string;
  maxBodyBytes: number;
  /** Bearer tokens (COACH_TOKENS); when present, every /api/* route needs one. */
  tokens?: Tokens;
  /** Per-client request limit on /api/* (health excepted); absent means none. */
  rateLimit?: { limiter: RateLimiter; clientKey: (context: Context) => string };
  /** Where unexpected errors are reported (their details never reach the client). */
  logError: (error: unknown, context: { method: string; path: string }) => void;
}

/** Builds the whole HTTP service; identical on Node and Workers. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  // Before the body is read: a client over its limit costs us as little as possible.
  if (deps.rateLimit) {
    const limited = rateLimit(deps.rateLimit.limiter, deps.rateLimit.clientKey);
    app.use("/api/*", (context, next) => (context.req.path === "/api/health" ? next() : limited(context, next)));
  }

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new AppError("payload_too_large", `The request body is larger than ${deps.maxBodyBytes} bytes.`);
      },
    }),
  );

  if (deps.tokens) app.use("/api/*", bearerAuth(deps.tokens));

  app.route("/api/health", healthRoutes(deps));
  app.route("/api/corpus", corpusRoutes(deps));
  app.route("/api/retrieve", retrieveRoutes(deps));
  app.route("/api/advice", adviceRoutes(deps));
  app.route("/api/fabe", fabeRoutes(deps));
  app.route("/api/roleplay", roleplayRoutes(deps));
  app.route("/", webRoutes(deps.web));

  app.notFound((context) =>
    context.json(errorBody("not_found", `No route for ${context.req.method} ${context.req.path}.`), 404),
  );

  app.onError((error, context) => {
    if (error instanceof AppError) {
      // A 5xx AppError (storage unreachable) is still ours to look into: its cause goes to the log.
      const request = { method: context.req.method, path: context.req.path };
      if (error.status >= 500) deps.logError(error.cause ?? error, request);
      return context.json(errorBody(error.code, error.message, error.details), error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = error.status === 413 ? "payload_too_large" : error.status === 404 ? "not_found" : "invalid_request";
      return context.json(errorBody(code, error.message || "Bad request."), error.status);
    }
    deps.logError(error, { method: context.req.method, path: context.req.path });
    return context.json(errorBody("internal", "Something went wrong on our side; the error has been logged."), 500);
  });

  return app;
}
