import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { createApp } from "../app.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = fileURLToPath(new URL("../../.data/screenshots", import.meta.url));
const available = existsSync(CHROMIUM);
// In CI a missing browser is a failure, never a skip; a developer without Chromium may skip locally.
const suite = available || process.env.CI ? describe : describe.skip;

let server: ServerType;
let base: string;
let browser: Browser;
let sessionsDir: string | undefined;

beforeAll(async () => {
  if (!available)
    throw new Error(
      `Chromium is not at ${CHROMIUM}: .ci/run installs it (apt-get install chromium fonts-wqy-microhei)`,
    );
  mkdirSync(SHOTS, { recursive: true });
  // The sessions database (and its -wal/-shm) lives in a folder of its own, removed after the suite.
  sessionsDir = mkdtempSync(join(tmpdir(), "coach-web-"));
  const app = createApp(await realAppDeps({ sessionsFile: join(sessionsDir, "sessions.db") }));
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (sessionsDir) rmSync(sessionsDir, { recursive: true, force: true });
});

interface OpenOptions {
  width?: number;
  lang?: string;
  /** Listeners to attach before the first navigation. */
  watch?: (page: Page) => void;
}

async function open(path: string, options: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  await context.addInitScript((lang) => {
    if (lang && !localStorage.getItem("coach.lang")) localStorage.setItem("coach.lang", lang);
  }, options.lang ?? "zh-Hant");
  const page = await context.newPage();
  page.on("dialog", () => {
    throw new Error("a script ran a dialog");
  });
  options.watch?.(page);
  await page.goto(`${base}${path}`);
  return page;
}

suite("the web page in Chromium", () => {
  it("loads each page with no console error and no failed request", async () => {
    for (const path of ["/", "/roleplay", "/drill", "/progress", "/team"]) {
      const problems: string[] = [];
      const requested: string[] = [];
      const page = await open(path, {
        watch: (watched) => {
          watched.on("console", (message) => {
            if (message.type() === "error") problems.push(`console: ${message.text()}`);
          });
          watched.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
          watched.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
          watched.on("response", (response) => {
            requested.push(new URL(response.url()).pathname);
            if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
          });
        },
      });
      await page.waitForSelector("main > *");
      await page.waitForLoadState("networkidle");
      expect(problems, path).toEqual([]);
      // The page really ran: its script loaded and called the API (a page that fetched nothing would pass too).
      expect(requested, path).toContain("/assets/app.js");
      expect(await page.locator("link[rel=icon]").getAttribute("href")).toBe("/favicon.svg");
      await page.context().close();
    }
  });

  it("shows the API reference at /docs from the server alone, every route listed", async () => {
    const problems: string[] = [];
    const origins = new Set<string>();
    const page = await open("/docs", {
      watch: (watched) => {
        watched.on("console", (message) => {
          if (message.type() === "error") problems.push(`console: ${message.text()}`);
        });
        watched.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
        watched.on("request", (request) => {
          if (!request.url().startsWith("data:")) origins.add(new URL(request.url()).origin);
        });
      },
    });
    await page.waitForSelector(".opblock", { timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    const operations = await page.locator(".opblock").count();
    const paths = Object.values(
      ((await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, object> }).paths,
    ).reduce((sum, operations) => sum + Object.keys(operations).length, 0);
    expect(operations).toBe(paths);
    expect(problems).toEqual([]);
    expect([...origins]).toEqual([base]);
    await page.screenshot({ path: join(SHOTS, "docs-desktop.png"), fullPage: true });
    await page.context().close();
  });

  it("refuses inline script and framing in the browser (the CSP is in force)", async () => {
    const page = await open("/drill");
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") violations.push(message.text());
    });
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.head.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await expect.poll(() => violations.join("\n")).toContain("Content Security Policy");
    await page.context().close();
  });

  it("asks a scenario, streams the answer and opens a citation", async () => {
    const page = await open("/");
    await page.fill("#scenario", "我有個做了三年的老業務,業績還可以,但最近開會都不說話,叫他帶新人也推三阻四,怎麼辦?");
    await page.click("#ask button[type=submit]");
    await page.waitForSelector(".steps li");
    expect(await page.locator(".steps li").count()).toBeGreaterThanOrEqual(3);
    await page.locator(".steps .chip").first().click();
    await page.waitForSelector("dialog#passage[open]");
    expect((await page.textContent("#passage-zh"))?.length).toBeGreaterThan(20);
    expect((await page.textContent("#passage-en"))?.length).toBeGreaterThan(20);
    expect(await page.textContent("#passage-path")).toContain("›");
    await page.screenshot({ path: join(SHOTS, "coach-desktop.png"), fullPage: true });
    await page.keyboard.press("Escape");
    await page.context().close();
  });

  it("shows an abstained answer differently", async () => {
    const page = await open("/");
    await page.fill("#scenario", "紅燒肉怎麼做才好吃?");
    await page.click("#ask button[type=submit]");
    await page.waitForSelector(".abstained");
    expect(await page.locator(".steps").count()).toBe(0);
    await page.context().close();
  });

  it("plays four turns of a role-play, survives a reload, continues and debriefs", async () => {
    const page = await open("/roleplay");
    await page.locator(".card", { hasText: "老張" }).getByRole("button").click();
    await page.waitForSelector("#turn");
    for (const text of [
      "老張,最近怎麼樣?我想聽聽你的想法。",
      "辛苦了,我理解你的壓力。",
      "你的意思是帶新人會佔掉你的時間?",
      "我們一起規劃你明年的目標。",
    ]) {
      await page.fill("#turn", text);
      await page.press("#turn", "Enter");
      await page.waitForFunction(
        (count) => document.querySelectorAll(".log li.persona").length >= count,
        1 + (await page.locator(".log li.user").count()),
      );
    }
    const said = ".log li.user, .log li.persona";
    const before = await page.locator(said).count();
    expect(before).toBe(9);
    // Each turn says what its moves did to the meters, in the page's language.
    expect(await page.locator(".log li.effects").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(".log li.effects").first().textContent()).toMatch(/信任|意願/);
    await page.reload();
    await page.waitForSelector(".log li");
    expect(await page.locator(said).count()).toBe(before);
    await page.fill("#turn", "我想請你來主持每週的部門會議。");
    await page.press("#turn", "Enter");
    await page.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector as string).length >= (count as number),
      [said, before + 2],
    );
    expect(Number(await page.locator("meter[data-var=willingness]").getAttribute("value"))).toBeGreaterThan(2);
    await page.getByRole("button", { name: "結束並檢討" }).click();
    await page.waitForSelector(".criteria li");
    expect(await page.locator(".criteria li").count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator(".criteria .chip").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, "roleplay-desktop.png"), fullPage: true });
    await page.context().close();
  });

  it("scores a pitch and shows each sentence's label", async () => {
    const page = await open("/drill");
    await page.fill(
      "#pitch",
      "我們的方案包含十個關鍵詞廣告位。點擊率比自然排名高三倍。讓您的客戶一搜就找到您。台中一家同業去年用了三個月,詢價量多了四成。",
    );
    await page.click("#score button[type=submit]");
    await page.waitForSelector(".sentences li");
    const labels = await page.locator(".sentences .badge").allTextContents();
    expect(labels.map((label) => label.split(" ")[0])).toEqual(["F", "A", "B", "E"]);
    await page.screenshot({ path: join(SHOTS, "drill-desktop.png"), fullPage: true });
    await page.context().close();
  });

  it("keeps a long sentence whole and shows a broken principle in the handbook's words", async () => {
    const page = await open("/drill");
    const sentence =
      "您們門市現在每天要接兩百多通電話，很多客人打不進來就直接掛了，用了400電話以後來電會自動轉到空著的分機，等於每天多接住幾十個客人。";
    await page.fill("#pitch", `${sentence}我保證您下個月業績翻倍。`);
    await page.click("#score button[type=submit]");
    await page.waitForSelector(".sentences li");
    const texts = await page.locator(".sentences li > span:not(.badge)").allTextContents();
    expect(texts[0]).toBe(sentence);
    expect(await page.locator(".violation-casual-promise .principle").textContent()).toContain("不要隨便給客戶承諾");
    await page.context().close();
  });

  it("switches language, remembers it, and answers in it", async () => {
    const page = await open("/");
    await page.selectOption("#lang", "en");
    await page.waitForFunction(() => document.querySelector("nav a")?.textContent === "Manager coach");
    await page.reload();
    expect(await page.textContent("nav a")).toBe("Manager coach");
    await page.fill("#scenario", "My veteran rep has checked out and won't mentor anyone.");
    await page.click("#ask button[type=submit]");
    await page.waitForSelector(".steps li");
    expect(await page.textContent(".steps li")).toMatch(/From “/);
    await page.selectOption("#lang", "zh-Hans");
    await page.waitForFunction(() => document.querySelector("nav a")?.textContent === "经理教练");
    await page.context().close();
  });

  it("renders a malicious message as text and runs nothing", async () => {
    const page = await open("/roleplay");
    await page.locator(".card").first().getByRole("button").click();
    await page.waitForSelector("#turn");
    const attack = "<img src=x onerror=alert(1)>";
    await page.fill("#turn", attack);
    await page.press("#turn", "Enter");
    await page.waitForSelector(".log li.user");
    expect(await page.locator(".log li.user").first().textContent()).toBe(attack);
    expect(await page.locator(".log img").count()).toBe(0);
    const coach = await open("/");
    await coach.fill("#scenario", attack);
    await coach.click("#ask button[type=submit]");
    await coach.waitForSelector(".abstained, .steps");
    expect(await coach.locator("#thread img").count()).toBe(0);
    await page.context().close();
    await coach.context().close();
  });

  it("works with the keyboard alone on /", async () => {
    const page = await open("/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");
    await page.keyboard.press("Enter");
    // Tab from the top to the scenario box, type, and submit with the keyboard.
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== "scenario" && guard++ < 20)
      await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("scenario");
    await page.keyboard.type("新人太興奮了靜不下來,怎麼辦?");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".steps li");
    while ((await page.evaluate(() => document.activeElement?.className)) !== "chip" && guard++ < 60)
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector("dialog#passage[open]");
    await page.context().close();
  });

  it("fits a 390 px phone without horizontal scrolling", async () => {
    for (const path of ["/", "/roleplay", "/drill", "/progress", "/team"]) {
      const page = await open(path, { width: 390 });
      await page.waitForSelector("main > *");
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: join(SHOTS, `${path === "/" ? "coach" : path.slice(1)}-mobile.png`),
        fullPage: true,
      });
      await page.context().close();
    }
  });

  it("asks once for a token when the service needs one, then works with it", async () => {
    const token = "rep-amy-0000000000000001";
    const app = createApp(
      await realAppDeps({
        env: { COACH_TOKENS: JSON.stringify({ [token]: { user: "amy", role: "rep", team: "north" } }) },
      }),
    );
    const guarded = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => guarded.once("listening", resolve));
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      let asked = 0;
      page.on("dialog", (dialog) => {
        asked++;
        void dialog.accept(token);
      });
      await page.goto(`http://127.0.0.1:${(guarded.address() as AddressInfo).port}/`);
      await page.fill("#scenario", "My new hire is super excited but hasn't closed anything in two months.");
      await page.click("#ask button[type=submit]");
      await page.waitForSelector(".steps li");
      expect(asked).toBe(1);
      expect(await page.evaluate(() => localStorage.getItem("coach.token"))).toBe(token);
      await context.close();
    } finally {
      guarded.close();
    }
  }, 60_000);
});
