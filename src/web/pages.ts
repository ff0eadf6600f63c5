import { type Context, Hono } from "hono";
import { html } from "hono/html";
import { secureHeaders } from "hono/secure-headers";

/** The client script (bundled from src/web/client), stylesheet and icon, read by the entry (baked in on Workers). */
export interface WebAssets {
  js: string;
  css: string;
  /** An SVG, served as /favicon.svg and /favicon.ico. */
  icon: string;
  /**
   * uPlot's browser build and stylesheet, from the installed package (no CDN), for the charts of /progress and
   * /team. Absent on Workers, whose static assets serve the same files at the same paths (`writeEdgeAssets`).
   */
  chart?: { js: string; css: string };
}

/** Where the chart library is served, by the app (Node) or by Workers static assets. */
export const CHART_JS = "/assets/uplot.iife.min.js";
export const CHART_CSS = "/assets/uplot.min.css";

type Page = "coach" | "reps" | "roleplay" | "drill" | "progress" | "team";
const CHARTED: readonly Page[] = ["progress", "team"];

/**
 * The pages share one shell; the client script fills them. Interface strings live in the script
 * (all three languages), so switching language needs no round trip. Every interpolation here is escaped
 * by hono's `html`; the script renders all user and model text with textContent.
 */
function shell(page: Page) {
  const link = (href: string, key: Page, label: string) =>
    html`<a href="${href}" data-i18n="nav.${key}" ${page === key ? html`aria-current="page"` : ""}>${label}</a>`;
  return html`<!doctype html>
<html lang="zh-Hant">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>sales-coach</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/assets/app.css" />
    ${CHARTED.includes(page) ? html`<link rel="stylesheet" href="${CHART_CSS}" />` : ""}
  </head>
  <body data-page="${page}">
    <a class="skip" href="#main" data-i18n="skip">跳到內容</a>
    <header>
      <strong class="brand">sales-coach</strong>
      <nav aria-label="main">
        ${link("/", "coach", "經理教練")} ${link("/reps", "reps", "業務檔案")} ${link("/roleplay", "roleplay", "角色扮演")} ${link("/drill", "drill", "FABE 練習")} ${link("/progress", "progress", "練習進度")} ${link("/team", "team", "團隊")}
      </nav>
      <label class="lang"><span data-i18n="lang">語言</span>
        <select id="lang">
          <option value="zh-Hant">繁體</option>
          <option value="zh-Hans">简体</option>
          <option value="en">English</option>
        </select>
      </label>
    </header>
    <main id="main" tabindex="-1"></main>
    <dialog id="passage" aria-labelledby="passage-title">
      <h2 id="passage-title"></h2>
      <p class="path" id="passage-path"></p>
      <p lang="zh-Hant" id="passage-zh"></p>
      <p lang="en" id="passage-en"></p>
      <form method="dialog"><button data-i18n="close">關閉</button></form>
    </dialog>
    ${CHARTED.includes(page) ? html`<script src="${CHART_JS}" defer></script>` : ""}
    <script src="/assets/app.js" defer></script>
  </body>
</html>`;
}

/**
 * The policy of every page and asset: scripts, styles, images and requests from this origin only, no inline
 * script or style (the shell has none and the client sets none), never framed. HSTS is left to whatever
 * terminates TLS: the service often runs on plain http inside a network.
 */
const pageHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  strictTransportSecurity: false,
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
});

const asset = (type: string) => ({ "content-type": type, "cache-control": "no-cache" });

/**
 * The pages, their script, stylesheet and icon, each with the security headers above. The headers are
 * added route by route, not with `use()`: this app is mounted at "/", where a `use()` would reach the API too.
 */
export function webRoutes(assets: WebAssets): Hono {
  const icon = (context: Context) => context.body(assets.icon, 200, asset("image/svg+xml"));
  const routes = new Hono()
    .get("/", pageHeaders, (context) => context.html(shell("coach")))
    .get("/reps", pageHeaders, (context) => context.html(shell("reps")))
    .get("/roleplay", pageHeaders, (context) => context.html(shell("roleplay")))
    .get("/drill", pageHeaders, (context) => context.html(shell("drill")))
    .get("/progress", pageHeaders, (context) => context.html(shell("progress")))
    .get("/team", pageHeaders, (context) => context.html(shell("team")))
    .get("/assets/app.js", pageHeaders, (context) =>
      context.body(assets.js, 200, asset("text/javascript; charset=utf-8")),
    )
    .get("/assets/app.css", pageHeaders, (context) => context.body(assets.css, 200, asset("text/css; charset=utf-8")))
    .get("/favicon.svg", pageHeaders, icon)
    .get("/favicon.ico", pageHeaders, icon);
  const chart = assets.chart;
  if (!chart) return routes;
  return routes
    .get(CHART_JS, pageHeaders, (context) => context.body(chart.js, 200, asset("text/javascript; charset=utf-8")))
    .get(CHART_CSS, pageHeaders, (context) => context.body(chart.css, 200, asset("text/css; charset=utf-8")));
}
