import { readAll } from "../lib/read-all.js";
import type { WebAssets } from "./pages.js";

/** Reads the client script and stylesheet (Node; Workers bundle them as text). */
export async function readWebAssets(assetsDir: string): Promise<WebAssets> {
  const [js, css] = await readAll(assetsDir, ["app.js", "app.css"] as const);
  return { js, css };
}
