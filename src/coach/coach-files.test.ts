// biome-ignore-all lint/suspicious/noExplicitAny: the test breaks parsed JSON files on purpose, field by field.
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import type { AppDeps } from "../app.js";
import { readEdgeData } from "../entry/edge-data.js";
import { SqliteChatStore } from "./chat/sqlite-chat-store.js";
import { readCoachFiles } from "./coach-files.js";
import { SqliteProgressStore } from "./progress/sqlite-progress-store.js";
import { SqliteSessionStore } from "./roleplay/sqlite-store.js";
import { type CoachFiles, createCoachServices } from "./services.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

let deps: AppDeps;
let files: CoachFiles;
beforeAll(async () => {
  deps = await realAppDeps();
  files = await readCoachFiles(root);
});

/** The shipped files with one value changed, as a careless edit would leave them. */
function broken(edit: (copy: CoachFiles) => void): CoachFiles {
  // The move model is read through a function on Node (not cloneable): the copy shares it.
  const copy = structuredClone({
    ...files,
    roleplay: { ...files.roleplay, moveModelText: undefined },
    advicePrompts: { ...files.advicePrompts, modelJson: undefined },
  }) as CoachFiles;
  copy.roleplay.moveModelText = files.roleplay.moveModelText;
  copy.advicePrompts.modelJson = files.advicePrompts.modelJson;
  edit(copy);
  return copy;
}

const start = (coachFiles: CoachFiles) =>
  createCoachServices({
    corpus: deps.corpus,
    retriever: deps.retriever,
    files: coachFiles,
    situationsTsv: readFileSync(join(root, "corpus", "passage-situations.tsv"), "utf8"),
    managerSituationsTsv: readFileSync(join(root, "corpus", "manager-situations.tsv"), "utf8"),
    sessions: new SqliteSessionStore(":memory:"),
    chat: new SqliteChatStore(":memory:"),
    progress: new SqliteProgressStore(":memory:"),
  });

describe("settings files", () => {
  it("start as shipped", () => {
    expect(() => start(files)).not.toThrow();
  });

  it("refuse a wrong value, naming the file and the field", () => {
    const fabe = broken((copy) => {
      (copy.fabe.settingsJson as any).rubric.penalty.arguing = "ten";
    });
    expect(() => start(fabe)).toThrow(/^prompts\/fabe-settings\.json: rubric\.penalty\.arguing: /);

    const advice = broken((copy) => {
      delete (copy.advicePrompts.settingsJson as any).steps.max;
    });
    expect(() => start(advice)).toThrow(/^prompts\/advice-settings\.json: steps\.max: /);

    const roleplay = broken((copy) => {
      (copy.roleplay.settingsJson as any).mood.closingUpAtMost = 8;
    });
    expect(() => start(roleplay)).toThrow(
      /^prompts\/roleplay-settings\.json: mood: closingUpAtMost must be below openingUpAtLeast/,
    );

    const words = broken((copy) => {
      delete (copy.roleplay.debriefJson as any).outcomes["turn-cap"].en;
    });
    expect(() => start(words)).toThrow(/^prompts\/roleplay-debrief\.json: outcomes\.turn-cap\.en: /);
  });

  it("refuse a missing file on Node, naming it", async () => {
    const folder = await mkdtemp(join(tmpdir(), "coach-files-"));
    try {
      await cp(join(root, "prompts"), join(folder, "prompts"), { recursive: true });
      await cp(join(root, "corpus", "products.json"), join(folder, "corpus", "products.json"));
      await cp(join(root, "corpus", "drills.json"), join(folder, "corpus", "drills.json"));
      await expect(readCoachFiles(folder)).resolves.toBeDefined();
      await rm(join(folder, "prompts", "fabe-settings.json"));
      await expect(readCoachFiles(folder)).rejects.toThrow(/fabe-settings\.json/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("reach the Workers bundle through the same reader", async () => {
    const edge = await readEdgeData(root);
    expect(edge.advicePrompts.settingsJson).toEqual(files.advicePrompts.settingsJson);
    expect(edge.fabe.settingsJson).toEqual(files.fabe.settingsJson);
    expect(edge.roleplay.settingsJson).toEqual(files.roleplay.settingsJson);
    // Node reads the move model on the first turn; the bundle is JSON, so it must carry the file's text itself.
    const bundled = JSON.parse(JSON.stringify(edge)) as typeof edge;
    const text = await readFile(join(root, "prompts", "roleplay-move-model.json"), "utf8");
    expect(bundled.roleplay.moveModelText).toBe(text);
    expect(typeof files.roleplay.moveModelText).toBe("function");
  });
});
