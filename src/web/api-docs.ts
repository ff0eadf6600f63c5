import { Hono } from "hono";
import { html } from "hono/html";

/** Swagger UI's browser build, served by the app itself (from the installed swagger-ui-dist; no CDN). */
export interface ApiDocsAssets {
  js: string;
  css: string;
}

/** Starts Swagger UI on /openapi.json; a file of its own because the pages' CSP allows no inline script. */
const INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false });
});
`;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Swagger UI sets inline styles on its elements and shows its logo as a data: URL.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join("; ");

const page = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>sales-coach API reference</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>`;

/**
 * `/docs`: the API reference, generated from /openapi.json in the browser. Without `assets` (Workers) the page's
 * Swagger UI files are served by static assets before a request reaches the app.
 */
export function apiDocsRoutes(assets?: ApiDocsAssets) {
  const headers = (type: string) => ({
    "content-type": type,
    "cache-control": "public, max-age=3600",
    "x-content-type-options": "nosniff",
  });
  const routes = new Hono()
    .get("/", (context) => {
      context.header("content-security-policy", CSP);
      context.header("x-frame-options", "DENY");
      context.header("x-content-type-options", "nosniff");
      context.header("referrer-policy", "no-referrer");
      return context.html(page);
    })
    .get("/init.js", (context) => context.body(INIT, 200, headers("text/javascript; charset=utf-8")));
  if (!assets) return routes;
  return routes
    .get("/swagger-ui.css", (context) => context.body(assets.css, 200, headers("text/css; charset=utf-8")))
    .get("/swagger-ui-bundle.js", (context) => context.body(assets.js, 200, headers("text/javascript; charset=utf-8")));
}
