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

let server: ServerType | undefined;
let base: string;
let browser: Browser;
let dataDir: string | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  if (process.env.COACH_PAGE_URL) {
    // A server already running (a deployment, `npm start`): the test drives it as a user would.
    base = process.env.COACH_PAGE_URL.replace(/\/+$/, "");
  } else {
    // Conversations and rep files live in a database of their own, in a folder removed after the suite.
    dataDir = mkdtempSync(join(tmpdir(), "coach-chat-"));
    const app = createApp(await realAppDeps({ sessionsFile: join(dataDir, "sessions.db") }));
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    server = started;
    await new Promise((resolve) => started.once("listening", resolve));
    base = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A page in Traditional Chinese that records every console error, page error, failed request and error answer. */
async function open(width: number, problems: string[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  await context.addInitScript(() => {
    if (!localStorage.getItem("coach.lang")) localStorage.setItem("coach.lang", "zh-Hant");
  });
  const page = await context.newPage();
  watchProblems(page, problems);
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return page;
}

/** The date `years` ago, as YYYY-MM-DD. */
function yearsAgo(years: number): string {
  const date = new Date();
  date.setFullYear(date.getFullYear() - years);
  return date.toISOString().slice(0, 10);
}

const FIRST = "老張最近開會都在滑手機，新人問他也不理。";
const FOLLOW_UP = "那如果他直接拒絕呢？";

/** Waits until the thread has `count` finished coach answers (none still streaming). */
async function answers(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelectorAll("#thread .msg.coach").length >= wanted &&
      document.querySelectorAll("#thread .streaming").length === 0,
    count,
    { timeout: 60_000 },
  );
}

suite("the manager's chat and rep files in Chromium", () => {
  it("opens a file, talks about the rep over two turns, saves a note, and keeps it all across a reload", async () => {
    const problems: string[] = [];
    const page = await open(1280, problems);

    // A new file for 老張, three years in.
    await page.goto(`${base}/reps`);
    await page.waitForSelector("#new-rep");
    await page.fill("#new-name", "老張");
    await page.fill("#new-startDate", yearsAgo(3));
    await page.press("#new-name", "Enter");
    await page.waitForFunction(() => document.querySelector("#file-title")?.textContent === "老張");
    const repId = new URL(page.url()).searchParams.get("r");
    expect(repId).toBeTruthy();
    // The list is drawn after the file: it shows the new file as the open one.
    await page.waitForSelector(`.rep-list a[href="/reps?r=${repId}"][aria-current="page"]`);
    expect(await page.textContent(".derived")).toContain("老業務");

    // The chat: pick 老張, start a conversation, ask.
    await page.click("nav a[href='/']");
    await page.waitForSelector("#rep-picker");
    expect(await page.locator(".examples button").count()).toBe(3);
    await page.selectOption("#rep-picker", repId as string);
    await page.click("#new-conversation");
    await page.waitForFunction(() => document.querySelector("#thread-title")?.textContent?.includes("老張"));
    await page.fill("#scenario", FIRST);
    await page.press("#scenario", "Enter");
    await answers(page, 1);
    expect(await page.locator("#thread .msg.coach").first().locator(".steps li").count()).toBeGreaterThan(0);
    expect(await page.locator("#thread .msg.coach").first().locator(".steps .chip").count()).toBeGreaterThan(0);
    const conversationId = new URL(page.url()).searchParams.get("c");
    expect(conversationId).toBeTruthy();

    // A citation opens the passage with its English.
    await page.locator("#thread .steps .chip").first().click();
    await page.waitForSelector("dialog#passage[open]");
    expect((await page.textContent("#passage-en"))?.length).toBeGreaterThan(20);
    await page.keyboard.press("Escape");

    // The follow-up is answered with what it carried over: the rep's file names 老張.
    await page.fill("#scenario", FOLLOW_UP);
    await page.press("#scenario", "Enter");
    await answers(page, 2);
    const second = page.locator("#thread .msg.coach").nth(1);
    expect(await second.locator(".carried").textContent()).toContain("老張");
    expect(await second.locator(".summary, .abstained").count()).toBeGreaterThan(0);

    // "Add to 老張's file" saves a talk note and says so.
    await second.locator(".add-to-file").click();
    await second.locator(".saved", { hasText: "老張" }).waitFor();
    await page.screenshot({ path: join(SHOTS, "chat-desktop.png"), fullPage: true });

    // A reload reopens the conversation from the URL, both turns whole.
    await page.reload();
    await answers(page, 2);
    expect(new URL(page.url()).searchParams.get("c")).toBe(conversationId);
    expect(await page.locator("#thread .msg.manager p").allTextContents()).toEqual([FIRST, FOLLOW_UP]);
    expect(await page.locator("#thread .msg.coach").count()).toBe(2);
    expect(await page.locator("#thread .msg.coach").first().locator(".steps .chip").count()).toBeGreaterThan(0);
    expect(await page.locator("#thread .msg.coach").nth(1).locator(".carried").textContent()).toContain("老張");
    expect(await page.locator(`.conversation-list li[data-id="${conversationId}"]`).count()).toBe(1);

    // 老張's file has the note in its timeline and lists the conversation.
    await page.click("nav a[href='/reps']");
    await page.locator(".rep-list a", { hasText: "老張" }).first().waitFor();
    await page.click(`.rep-list a[href="/reps?r=${repId}"]`);
    await page.waitForSelector(".timeline .entry");
    const note = page.locator(".timeline .entry.kind-talk");
    expect(await note.count()).toBe(1);
    expect(await note.textContent()).toContain(FOLLOW_UP);
    expect(await page.locator(`.rep-conversations a[href="/?c=${conversationId}"]`).count()).toBe(1);
    // "Export JSON" downloads the file's export (fetched with the token, if any), holding the note and the conversation.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-rep")]);
    expect(download.suggestedFilename()).toBe(`rep-${repId}.json`);
    const exported = JSON.parse(readFileSync((await download.path()) as string, "utf8")) as {
      rep: { notes: unknown[] };
      conversations: { id: string }[];
    };
    expect(exported.rep.notes).toHaveLength(1);
    expect(exported.conversations.map((conversation) => conversation.id)).toContain(conversationId);
    await page.screenshot({ path: join(SHOTS, "reps-desktop.png"), fullPage: true });
    // "Rehearse a talk" starts a role-play in which the simulated rep is the persona of 老張's tenure.
    await page.click(`a[href="/roleplay?rep=${repId}"]`);
    await page.waitForSelector(".log li");
    expect(page.url()).toBe(`${base}/roleplay`);
    // The passive veteran's card (4.5.4.2.2): a rep of three years, as 老張's file says.
    expect(await page.locator("main h1").textContent()).toContain("三年資深業務");

    // On a 390 px phone the follow-up box is on screen, and nothing scrolls sideways.
    const phone = await open(390, problems);
    await phone.goto(`${base}/?c=${conversationId}`);
    await answers(phone, 2);
    const onScreen = await phone.locator("#scenario").evaluate((box) => {
      const rect = box.getBoundingClientRect();
      return rect.top >= 0 && rect.bottom <= innerHeight && rect.left >= 0 && rect.right <= innerWidth;
    });
    expect(onScreen).toBe(true);
    expect(await phone.locator("#scenario").isVisible()).toBe(true);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, "chat-mobile.png") });
    await phone.goto(`${base}/reps?r=${repId}`);
    await phone.waitForSelector(".timeline .entry");
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, "reps-mobile.png"), fullPage: true });

    expect(problems).toEqual([]);
    await phone.context().close();
    await page.context().close();
  }, 180_000);

  it("deletes a conversation and a file after an in-page confirmation", async () => {
    const problems: string[] = [];
    const page = await open(1280, problems);
    await page.goto(`${base}/reps`);
    await page.waitForSelector("#new-rep");
    await page.fill("#new-name", "小林");
    await page.selectOption("#new-type", "excitable");
    await page.click("#new-rep button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#file-title")?.textContent === "小林");
    const repId = new URL(page.url()).searchParams.get("r") as string;
    await page.waitForSelector(`.rep-list a[href="/reps?r=${repId}"][aria-current="page"]`);

    await page.goto(`${base}/`);
    await page.waitForSelector("#rep-picker");
    await page.selectOption("#rep-picker", repId);
    await page.click("#new-conversation");
    await page.locator(".examples button").first().click();
    expect(await page.inputValue("#scenario")).not.toBe("");
    await page.click("#ask button[type=submit]");
    await answers(page, 1);
    const id = new URL(page.url()).searchParams.get("c") as string;
    const item = page.locator(`.conversation-list li[data-id="${id}"]`);
    await item.locator("button.delete").click();
    await item.getByRole("button", { name: "取消" }).click();
    expect(await item.locator("button.open").count()).toBe(1);
    await item.locator("button.delete").click();
    await item.locator(".confirm button.danger").click();
    await page.waitForFunction((gone) => !document.querySelector(`.conversation-list li[data-id="${gone}"]`), id);
    expect(await page.locator("#thread .msg").count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("c")).toBeNull();

    await page.goto(`${base}/reps?r=${repId}`);
    await page.waitForSelector("#delete-rep");
    // The file's fields are edited in place (PATCH), and a note is added with the keyboard.
    await page.fill("#edit-education", "大學");
    await page.fill("#edit-results", "2026-10 120000\n2026-11 80000");
    await page.press("#edit-education", "Enter");
    await page.waitForFunction(() => document.querySelector("#file-status")?.textContent?.includes("已儲存"));
    expect(await page.inputValue("#edit-education")).toBe("大學");
    expect(await page.inputValue("#edit-results")).toBe("2026-10 120000\n2026-11 80000");
    await page.selectOption("#note-kind", "problem");
    await page.fill("#note-text", "晨會遲到兩次");
    await page.press("#note-text", "Enter");
    await page.waitForSelector(".timeline .entry.kind-problem");
    expect(await page.textContent(".timeline .entry.kind-problem")).toContain("晨會遲到兩次");
    await page.click("#delete-rep");
    await page.locator(".confirm button.danger").click();
    await page.waitForSelector("#new-rep-title");
    await page.waitForFunction((gone) => !document.querySelector(`.rep-list a[href="/reps?r=${gone}"]`), repId);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});
