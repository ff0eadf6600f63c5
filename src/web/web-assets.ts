import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readAll } from "../lib/read-all.js";
import { bundleClient } from "./bundle-client.js";
import type { WebAssets } from "./pages.js";

const bundles = new Map<string, Promise<string>>();

/**
 * Reads the stylesheet and icon from `assetsDir` and bundles the client script from its sibling `client/` folder
 * (Node; the Workers build gets all three baked into edge-data.json at ingest). The bundle (~50 ms) is made once
 * per process and folder: tests build many apps. `prebuiltScript`, when it exists, is used instead of bundling.
 */
export async function readWebAssets(assetsDir: string, prebuiltScript?: string): Promise<WebAssets> {
  const entry = join(assetsDir, "..", "client", "main.ts");
  let bundle = bundles.get(entry);
  if (!bundle && prebuiltScript && existsSync(prebuiltScript)) {
    // The compiled server ships the script `npm run build` bundled: no esbuild process at run time.
    bundle = readFile(prebuiltScript, "utf8");
  }
  if (!bundle) {
    bundle = bundleClient(entry);
    bundles.set(entry, bundle);
    bundle.catch(() => bundles.delete(entry));
  }
  const [css, icon] = await readAll(assetsDir, ["app.css", "favicon.svg"] as const);
  return { js: await bundle, css, icon, chart: await readChartAssets() };
}

/** uPlot's browser build and stylesheet, from the installed package. */
export async function readChartAssets(): Promise<{ js: string; css: string }> {
  const folder = join(dirname(createRequire(import.meta.url).resolve("uplot/package.json")), "dist");
  const [js, css] = await readAll(folder, ["uPlot.iife.min.js", "uPlot.min.css"] as const);
  return { js, css };
}
