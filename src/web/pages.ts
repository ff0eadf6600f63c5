import { Hono } from "hono";
import { html } from "hono/html";

/** The client script and stylesheet, read by the entry (files on Node, bundled on Workers). */
export interface WebAssets {
  js: string;
  css: string;
}

type Page = "coach" | "roleplay" | "drill";

/**
 * The three pages share one shell; the client script fills them. Interface strings live in the script
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
    <link rel="stylesheet" href="/assets/app.css" />
  </head>
  <body data-page="${page}">
    <a class="skip" href="#main" data-i18n="skip">跳到內容</a>
    <header>
      <strong class="brand">sales-coach</strong>
      <nav aria-label="main">
        ${link("/", "coach", "經理教練")} ${link("/roleplay", "roleplay", "角色扮演")} ${link("/drill", "drill", "FABE 練習")}
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
    <script src="/assets/app.js" defer></script>
  </body>
</html>`;
}

export function webRoutes(assets: WebAssets): Hono {
  return new Hono()
    .get("/", (context) => context.html(shell("coach")))
    .get("/roleplay", (context) => context.html(shell("roleplay")))
    .get("/drill", (context) => context.html(shell("drill")))
    .get("/assets/app.js", (context) => context.body(assets.js, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }))
    .get("/assets/app.css", (context) => context.body(assets.css, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "no-cache" }));
}
