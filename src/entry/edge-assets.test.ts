import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import { readApiDocsAssets } from "../web/read-api-docs-assets.js";
import { writeEdgeAssets } from "./edge-data.js";
import { EDGE_SITUATIONS_PATH } from "./edge-paths.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the Worker's static assets", () => {
  it("are Swagger UI's files and the situation lines, byte for byte what Node serves and reads", async () => {
    const folder = await mkdtemp(join(tmpdir(), "edge-assets-"));
    try {
      await writeEdgeAssets(folder, root);
      const served = await readApiDocsAssets();
      expect(await readFile(join(folder, "docs", "swagger-ui-bundle.js"), "utf8")).toBe(served.js);
      expect(await readFile(join(folder, "docs", "swagger-ui.css"), "utf8")).toBe(served.css);
      // The managers' situation lines the Worker fetches when it starts: what Node reads from corpus/.
      const read = (await readLexiconFiles(join(root, "corpus"))).managerSituationsTsv;
      const situations = typeof read === "function" ? read() : read;
      expect(await readFile(join(folder, EDGE_SITUATIONS_PATH.slice(1)), "utf8")).toBe(situations);
      expect(situations.split("\n").length).toBeGreaterThan(1000);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
