import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { defaultPaths, loadOrIngest } from "./ingest.js";

const source = fileURLToPath(new URL("../../corpus", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "coach-ingest-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("loadOrIngest", () => {
  it("names the source profile and what is wrong in it, in one line", async () => {
    const broken = join(root, "broken");
    cpSync(source, join(broken, "corpus"), { recursive: true, filter: (path) => !path.includes("/build") });
    const paths = defaultPaths(broken);
    writeFileSync(paths.profileFile, "{bad");
    await expect(loadOrIngest(paths)).rejects.toThrow(`${paths.profileFile}: not valid JSON (`);
    writeFileSync(paths.profileFile, JSON.stringify({ files: 1 }));
    const error = await loadOrIngest(paths).then(
      () => new Error("loaded a broken profile"),
      (caught: unknown) => caught as Error,
    );
    expect(error.message).toMatch(new RegExp(`^${paths.profileFile}: .*files: Invalid input: expected object`));
    expect(error.message).not.toContain("\n");
  });

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

  it("rebuilds when a playbook is added or removed, and serves its passages beside the handbook's", async () => {
    const paths = defaultPaths(root);
    const before = await loadOrIngest(paths);
    const handbookChunks = before.corpus.chunks.filter((chunk) => !chunk.source).length;
    mkdirSync(paths.playbookDir as string, { recursive: true });
    const content = "# Raises\n\nReview the last two quarters first.\n\n## The talk\n\nSay so in the same meeting.\n";
    writeFileSync(join(paths.playbookDir as string, "raises.md"), content);

    const added = await loadOrIngest(paths);
    expect(added.rebuilt).toBe(true);
    expect(added.corpus.playbooks.map((info) => info.id)).toEqual(["pb-raises"]);
    const own = added.corpus.chunks.filter((chunk) => chunk.source === "pb-raises");
    expect(own.length).toBe(2);
    for (const chunk of own) expect(content.slice(chunk.start, chunk.end)).toBe(chunk.raw);
    expect(added.corpus.chunks.length).toBe(handbookChunks + own.length);

    rmSync(join(paths.playbookDir as string, "raises.md"));
    const removed = await loadOrIngest(paths);
    expect(removed.rebuilt).toBe(true);
    expect(removed.corpus.playbooks).toEqual([]);
    expect(removed.corpus.chunks.length).toBe(handbookChunks);
  });
});
