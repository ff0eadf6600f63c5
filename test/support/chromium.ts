import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe } from "vitest";

/** Debian's Chromium (`.ci/run` installs it); Playwright cannot download its own browser here. */
export const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);

/** In CI a missing browser is a failure, never a skip; a developer without Chromium may skip locally. */
export const chromiumSuite = available || process.env.CI ? describe : describe.skip;

/**
 * Headless Chromium with the flags this machine needs: without the background-networking ones its closed network
 * refuses Chromium's own connections, many at a time.
 */
export async function launchChromium(): Promise<Browser> {
  if (!available)
    throw new Error(
      `Chromium is not at ${CHROMIUM}: .ci/run installs it (apt-get install chromium fonts-wqy-microhei)`,
    );
  return chromium.launch({
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
}

/** Records every dialog (dismissed), console error, page error and failed request of a page into `problems`. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // The browser's own favicon fetch is cancelled when the page navigates before it ends (net::ERR_ABORTED): not
    // a request of the page's, and no test can wait for it. Every other failed request is a problem.
    const aborted = request.failure()?.errorText === "net::ERR_ABORTED";
    if (!(aborted && new URL(request.url()).pathname.startsWith("/favicon"))) problems.push(`failed: ${request.url()}`);
  });
}
