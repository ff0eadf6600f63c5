import type { RouterRoute } from "hono/types";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The methods an app's routes accept for a path, read from its route table: a path that exists under another method
 * answers 405 with `Allow` instead of a 404 that says the path does not exist. Middleware (method ALL) is ignored.
 */
export function allowedMethods(routes: readonly RouterRoute[]): (path: string) => string[] {
  const table = routes
    .filter((route) => METHODS.includes(route.method))
    .map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
  return (path) => {
    const methods = new Set(table.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods];
  };
}

function patternOf(path: string): RegExp {
  const escaped = path
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  // As strict as the router: "/docs/" is not "/docs" (app.ts sends a trailing slash on to the route without it).
  return new RegExp(`^${escaped}$`);
}
