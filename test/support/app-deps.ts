import { fileURLToPath } from "node:url";
import type { AppDeps } from "../../src/app.js";
import { CorpusIndex } from "../../src/corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../../src/corpus/ingest.js";
import { join } from "node:path";
import { readCoachFiles } from "../../src/coach/coach-files.js";
import type { SessionStore } from "../../src/coach/roleplay/session-store.js";
import { SqliteSessionStore } from "../../src/coach/roleplay/sqlite-store.js";
import { createCoachServices } from "../../src/coach/services.js";
import type { ChatModel } from "../../src/llm/types.js";
import { readWebAssets } from "../../src/web/web-assets.js";
import { toTraditional } from "../../src/lib/script.js";
import { createRetriever, openMemoryStore } from "../../src/retrieval/create-retriever.js";
import { readLexiconFiles } from "../../src/retrieval/lexicon-files.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The app's real dependencies over the shipped corpus, with the in-memory store (no files written). */
export async function realAppDeps(
  overrides: Partial<AppDeps> = {},
  options: { model?: ChatModel; sessionsFile?: string; sessions?: SessionStore; playbookDir?: string } = {},
): Promise<AppDeps> {
  // The handbook alone unless a test adds playbooks of its own: a user's playbooks never change a test.
  const paths = { ...defaultPaths(root, { playbooks: false }), ...(options.playbookDir ? { playbookDir: options.playbookDir } : {}) };
  const { corpus } = await buildFromFiles(paths);
  const index = new CorpusIndex(corpus);
  const retriever = await createRetriever({
    corpus: index,
    lexicon: await readLexiconFiles(paths.corpusDir),
    toTraditional,
    openStore: openMemoryStore,
  });
  return {
    corpus: index,
    retriever,
    ...createCoachServices({
      corpus: index,
      retriever,
      files: await readCoachFiles(root),
      sessions: options.sessions ?? new SqliteSessionStore(options.sessionsFile ?? ":memory:"),
      ...(options.model ? { model: options.model } : {}),
    }),
    web: await readWebAssets(join(root, "src", "web", "assets")),
    mode: "offline",
    version: "test",
    maxBodyBytes: 65_536,
    logError: (error) => console.error(error),
    ...overrides,
  };
}
