import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ApiDocsAssets } from "./api-docs.js";

/** Reads Swagger UI's browser build from the installed swagger-ui-dist package (Node; Workers bundle it). */
export async function readApiDocsAssets(): Promise<ApiDocsAssets> {
  const folder = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const [js, css] = await Promise.all([
    readFile(join(folder, "swagger-ui-bundle.js"), "utf8"),
    readFile(join(folder, "swagger-ui.css"), "utf8"),
  ]);
  return { js, css };
}
