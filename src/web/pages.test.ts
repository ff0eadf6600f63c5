import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import type { AppType } from "../app.js";
import { createApp } from "../app.js";

let app: AppType;

beforeAll(async () => {
  app = createApp(await realAppDeps());
});

describe("the pages' HTTP answers", () => {
  it.each([
    "/",
    "/reps",
    "/roleplay",
    "/drill",
    "/progress",
    "/team",
    "/assets/uplot.iife.min.js",
    "/assets/app.js",
    "/assets/app.css",
    "/favicon.svg",
    "/favicon.ico",
  ])("%s carries the security headers", async (path) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("links the icon and the bundled script, and has no inline script", async () => {
    const page = await (await app.request("/drill")).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg"');
    expect(page).toContain('<script src="/assets/app.js" defer></script>');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\son[a-z]+=/);
  });

  it("serves the bundled client and the icon with their types", async () => {
    const script = await app.request("/assets/app.js");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const text = await script.text();
    // Minified and bundled: the modules' imports are gone and the three pages' strings are in.
    expect(text).not.toMatch(/^import /m);
    expect(text).toContain("經理教練");
    const icon = await app.request("/favicon.ico");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toMatch(/^<svg /);
  });

  it("keeps the page policy off the API", async () => {
    const response = await app.request("/api/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBeNull();
  });
});
