import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

// What src/web/web.test.ts needs from the system. Without Chromium it skips its page tests locally and fails in
// CI; without a CJK font it would pass with every Chinese character drawn as an empty box in the screenshots.
const CHROMIUM = "/usr/bin/chromium";
const WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/** A font that can draw Chinese, as fontconfig (what Chromium asks) sees it; the Debian file if fc-list is absent. */
function hasCjkFont(): boolean {
  const listed = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  if (listed.status === 0) return listed.stdout.trim().length > 0;
  return existsSync(WQY);
}

describe("the page tests' system packages", () => {
  it("Chromium and a CJK font are installed in CI and wherever the page tests run", () => {
    const missing = [existsSync(CHROMIUM) ? "" : "chromium", hasCjkFont() ? "" : "fonts-wqy-microhei"].filter(Boolean);
    if (process.env.CI || existsSync(CHROMIUM)) {
      expect(missing, `missing: apt-get install -y ${missing.join(" ")}`).toEqual([]);
    } else {
      console.warn(`the page tests are skipped here: no ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);
      expect(missing).toContain("chromium");
    }
  });
});
