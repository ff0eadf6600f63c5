import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ServerType, serve } from "@hono/node-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { launchChromium, chromiumSuite as suite, watchProblems } from "../../test/support/chromium.js";
import { createApp } from "../app.js";

const SHOTS = fileURLToPath(new URL("../../.data/screenshots", import.meta.url));
/** The tokens this test signs in with; `.ci/run` starts `wrangler dev` with the same ones (COACH_TOKENS). */
const TOKENS_FILE = fileURLToPath(new URL("../../test/support/practice-tokens.json", import.meta.url));
const tokens = JSON.parse(readFileSync(TOKENS_FILE, "utf8")) as Record<string, { user: string; role: string }>;
const tokenOf = (user: string) => Object.entries(tokens).find(([, viewer]) => viewer.user === user)?.[0] as string;
const AMY = tokenOf("amy");
const BOB = tokenOf("bob");
const MEI = tokenOf("mei");

let server: ServerType | undefined;
let base: string;
let browser: Browser;
let dataDir: string | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  if (process.env.COACH_PRACTICE_URL) {
    // A server started with test/support/practice-tokens.json as COACH_TOKENS (`.ci/run`: `wrangler dev`).
    base = process.env.COACH_PRACTICE_URL.replace(/\/+$/, "");
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "coach-progress-"));
    const deps = await realAppDeps({
      sessionsFile: join(dataDir, "sessions.db"),
      env: { COACH_TOKENS: JSON.stringify(tokens) },
    });
    const started = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
    server = started;
    await new Promise((resolve) => started.once("listening", resolve));
    base = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  }
  // A clean slate for the test's users: a server that outlives runs (wrangler dev's D1) keeps earlier records.
  for (const token of [AMY, BOB, MEI]) {
    const response = await fetch(`${base}/api/progress`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(204);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A page signed in with a token, in English, recording console errors, page errors and failed requests. */
async function signedIn(token: string, problems: string[], width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(
    ([key, value]) => {
      localStorage.setItem("coach.token", value);
      localStorage.setItem("coach.lang", "en");
      void key;
    },
    ["coach.token", token] as const,
  );
  const page = await context.newPage();
  watchProblems(page, problems);
  return page;
}

// Feature, Advantage and Benefit, no Evidence (the FABE route tests read the same pitch the same way).
const NO_EVIDENCE =
  "This printer has a 500-sheet tray. It holds twice as much paper as most printers. So your office refills it far less often and saves hours every month.";

/** How many pixels of a canvas are not blank: a drawn chart has many. */
function drawnPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const context = (canvas as HTMLCanvasElement).getContext("2d");
    if (!context) return 0;
    const { data } = context.getImageData(
      0,
      0,
      (canvas as HTMLCanvasElement).width,
      (canvas as HTMLCanvasElement).height,
    );
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) drawn++;
    return drawn;
  });
}

suite(`practice records in Chromium (${process.env.COACH_PRACTICE_URL ? "given server" : "Node build"})`, () => {
  let sessionId = "";

  it("a rep's three drills and one role-play show on their /progress, with a chart and the next drill", async () => {
    const problems: string[] = [];
    const page = await signedIn(AMY, problems);

    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}/drill`);
      await page.waitForSelector("#drill option[value='drill-en-01']", { state: "attached" });
      await page.selectOption("#drill", "drill-en-01");
      await page.fill("#pitch", NO_EVIDENCE);
      await page.click("#score button[type=submit]");
      await page.waitForSelector("#saved");
      expect(await page.textContent("#result .score")).toContain("Evidence");
    }

    await page.goto(`${base}/roleplay`);
    await page.click(".cards li:first-child button");
    await page.waitForSelector("#turn");
    await page.fill("#turn", "How have things been lately? I'd like to hear how you see the last month.");
    await page.press("#turn", "Enter");
    await page.waitForFunction(() => document.querySelectorAll(".log li").length >= 3);
    await page.click("button.secondary:has-text('End')");
    await page.waitForSelector("#debrief *");
    sessionId = (await page.evaluate(() => localStorage.getItem("coach.roleplay.session"))) ?? "";

    await page.goto(`${base}/progress`);
    await page.waitForSelector("#next-reason");
    expect(await page.textContent("#next-title")).toContain("Evidence");
    expect(await page.textContent("#next-reason")).toBe("You left out Evidence in 3 of your last 3 pitches.");
    expect(await page.textContent(".stats")).toContain("FABE pitches3");
    expect(await page.$$eval("#score-table tbody tr", (rows) => rows.length)).toBe(3);
    expect(await page.$$eval("#recent-roleplays > li", (items) => items.length)).toBe(1);
    await page.waitForSelector(".chart canvas");
    expect(await drawnPixels(page, ".chart canvas")).toBeGreaterThan(500);
    expect(await page.textContent("#presence li.weakest")).toContain("Evidence");
    await page.screenshot({ path: join(SHOTS, "progress.png"), fullPage: true });

    // Readable on a phone: nothing wider than the screen, the chart redrawn to fit.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => (document.querySelector(".chart canvas") as HTMLCanvasElement).width <= 390 * 2);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, "progress-mobile.png"), fullPage: true });

    // The next drill is one click: the drill page opens on it.
    await page.click("#start-next");
    await page.waitForSelector("#drill");
    await page.waitForFunction(() => (document.querySelector("#drill") as HTMLSelectElement).value !== "");
    const chosen = await page.$eval("#drill", (select) => (select as HTMLSelectElement).value);
    expect(chosen).toBe("drill-en-04");
    expect(problems).toEqual([]);
  }, 120_000);

  it("the manager's /team shows that rep, down to the role-play's transcript, and links to and from the rep's file", async () => {
    const problems: string[] = [];
    // The manager's file on Amy names her login: the team's row and the file link to each other.
    const file = await fetch(`${base}/api/reps`, {
      method: "POST",
      headers: { authorization: `Bearer ${MEI}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Amy", user: "amy" }),
    });
    expect(file.status).toBe(201);
    const page = await signedIn(MEI, problems);
    await page.goto(`${base}/team`);
    await page.waitForSelector("#team-table");
    await page.screenshot({ path: join(SHOTS, "team-table.png"), fullPage: true });
    const row = await page.textContent("#team-table tbody tr:has(a[href='/team?u=amy'])");
    expect(row).toContain("pitches: 3 · role-plays: 1");
    expect(row).toContain("E Evidence");
    const fileLink = await page.getAttribute(
      "#team-table tbody tr:has(a[href='/team?u=amy']) a[href^='/reps?r=']",
      "href",
    );
    expect(fileLink).toBeTruthy();
    await page.goto(`${base}${fileLink}`);
    await page.waitForSelector("#rep-practice");
    expect(await page.getAttribute("#rep-practice", "href")).toBe("/team?u=amy");
    await page.click("#rep-practice");
    await page.waitForSelector("#recent-roleplays");
    await page.goto(`${base}/team`);
    await page.waitForSelector("#team-table");
    await page.click("a[href='/team?u=amy']");
    await page.waitForSelector("#recent-roleplays");
    await page.click("#recent-roleplays button");
    await page.waitForSelector("#recent-roleplays .thread li");
    expect(await page.textContent("#recent-roleplays .thread")).toContain("How have things been lately?");
    await page.screenshot({ path: join(SHOTS, "team.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it("another rep sees none of it", async () => {
    const problems: string[] = [];
    const page = await signedIn(BOB, problems, 390);
    await page.goto(`${base}/progress`);
    await page.waitForSelector("#no-practice");
    await page.goto(`${base}/team`);
    await page.waitForSelector("#main .error");
    const as = (token: string, path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((response) => response.status);
    expect(await as(BOB, "/api/team/progress/amy")).toBe(404);
    expect(await as(BOB, `/api/roleplay/sessions/${sessionId}`)).toBe(404);
    expect(await as(BOB, "/api/team/progress")).toBe(403);
    // The one problem is the refusal itself: the browser reports the 403 of GET /api/team/progress.
    expect(problems).toEqual([
      "console: Failed to load resource: the server responded with a status of 403 (Forbidden)",
    ]);
  }, 60_000);
});
