import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readApiDocsAssets } from "../web/read-api-docs-assets.js";
import { writeEdgeAssets } from "./edge-data.js";

describe("the Worker's static assets", () => {
  it("are Swagger UI's files at the paths the API reference page loads, byte for byte what Node serves", async () => {
    const folder = await mkdtemp(join(tmpdir(), "edge-assets-"));
    try {
      await writeEdgeAssets(folder);
      const served = await readApiDocsAssets();
      expect(await readFile(join(folder, "docs", "swagger-ui-bundle.js"), "utf8")).toBe(served.js);
      expect(await readFile(join(folder, "docs", "swagger-ui.css"), "utf8")).toBe(served.css);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
