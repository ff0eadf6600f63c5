import type { MiddlewareHandler } from "hono";

/**
 * One line per request: method, path, status, milliseconds, and why an llm-mode answer fell back to offline when it
 * did (routes set the `fallback` variable). Query strings are left out: they may carry a user's words.
 */
export function requestLog(
  write: (line: string) => void,
  now: () => number = () => performance.now(),
): MiddlewareHandler {
  return async (context, next) => {
    const started = now();
    await next();
    const ms = (now() - started).toFixed(1);
    const fallback = context.get("fallback");
    write(
      `${context.req.method} ${context.req.path} ${context.res.status} ${ms}ms${fallback ? ` fallback=${fallback}` : ""}`,
    );
  };
}
