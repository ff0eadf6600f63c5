import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../lib/errors.js";
import { ErrorSchema } from "./schemas.js";

declare module "hono" {
  interface ContextVariableMap {
    /** Why an llm-mode answer fell back to offline, for the request log. */
    fallback: string | undefined;
    /** Told of every fallback as it happens (a streamed answer's too): /api/health counts them. */
    onFallback: ((reason: string) => void) | undefined;
  }
}

/** Marks the answer as fallen back: for the request log, and for /api/health's count (set up in app.ts). */
export function markFallback(context: Context, reason: string): void {
  context.set("fallback", reason);
  context.get("onFallback")?.(reason);
}

/**
 * A sub-app whose routes are declared with their zod schemas (for /openapi.json and the typed client); a body or
 * parameter that fails its schema becomes a 400 in the error format, naming the first bad field.
 */
export function createRouter() {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (result.success) return;
      const details = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
      const first = details[0];
      throw new AppError(
        "invalid_request",
        first ? `Invalid field ${first.path || "(body)"}: ${first.message}` : "Invalid request.",
        details,
      );
    },
  });
}

/**
 * Checks a JSON body before the schema sees it: the content type (415), bytes that are not UTF-8 (400: decoded
 * strictly, never turned into U+FFFD and answered) and text that is not JSON (400 bad_json). The parsed value is
 * cached by Hono's request, so the schema validator reads it without a second decode of the stream.
 */
export const strictJsonBody: MiddlewareHandler = async (context, next) => {
  const type = context.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await context.req.arrayBuffer());
  } catch {
    throw new AppError("bad_json", "The request body is not valid UTF-8.");
  }
  try {
    JSON.parse(text);
  } catch {
    throw new AppError("bad_json", "The request body is not valid JSON.");
  }
  await next();
};

/** The request part of a route with a JSON body. */
export function jsonBody<Schema extends z.ZodType>(schema: Schema) {
  return { body: { content: { "application/json": { schema } }, required: true } } as const;
}

/** A JSON response of a route. */
export function json<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

/** An error answer of a route, in the error format. */
export const errorResponse = (description: string) => json(ErrorSchema, description);

/** The error answers every JSON route may give (the full list is in docs/api.md). */
export const commonErrors = {
  400: errorResponse("Bad JSON or fields"),
  401: errorResponse("A bearer token is needed (COACH_TOKENS is set)"),
  413: errorResponse("Body larger than COACH_MAX_BODY_BYTES"),
  415: errorResponse("Body is not JSON"),
  429: errorResponse("Over the rate limit (see Retry-After)"),
  500: errorResponse("Something failed on the server; nothing internal is sent"),
} as const;

export { z };
