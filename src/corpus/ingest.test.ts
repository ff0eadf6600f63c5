import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { defaultPaths, loadOrIngest } from "./ingest.js";

const source = fileURLToPath(new URL("../../corpus", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "coach-ingest-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("loadOrIngest", () => {
  it("builds on first start, reuses the build, and rebuilds when a source changes", async () => {
    cpSync(source, join(root, "corpus"), { recursive: true, filter: (path) => !path.includes("/build") });
    const paths = defaultPaths(root);

    const first = await loadOrIngest(paths);
    expect(first.rebuilt).toBe(true);
    expect(JSON.parse(readFileSync(paths.outputFile, "utf8")).chunks.length).toBe(first.corpus.chunks.length);

    const second = await loadOrIngest(paths);
    expect(second.rebuilt).toBe(false);

    appendFileSync(join(root, "corpus", "repairs.tsv"), "# a reviewer's comment\n");
    const third = await loadOrIngest(paths);
    expect(third.rebuilt).toBe(true);
    expect(third.corpus.version).not.toBe(first.corpus.version);
  });
});
