import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AppDeps } from "../../src/app.js";
import type { ChatStore } from "../../src/coach/chat/chat-store.js";
import { SqliteChatStore } from "../../src/coach/chat/sqlite-chat-store.js";
import { readCoachFiles } from "../../src/coach/coach-files.js";
import type { ProgressStore } from "../../src/coach/progress/progress-store.js";
import { SqliteProgressStore } from "../../src/coach/progress/sqlite-progress-store.js";
import type { SessionStore } from "../../src/coach/roleplay/session-store.js";
import { SqliteSessionStore } from "../../src/coach/roleplay/sqlite-store.js";
import { loadConfig } from "../../src/config.js";
import { buildFromFiles, defaultPaths } from "../../src/corpus/ingest.js";
import type { ChatModel } from "../../src/llm/types.js";
import { openMemoryStore, type StoreRequest } from "../../src/retrieval/create-retriever.js";
import { readLexiconFiles } from "../../src/retrieval/lexicon-files.js";
import type { Store } from "../../src/retrieval/types.js";
import { readApiDocsAssets } from "../../src/web/read-api-docs-assets.js";
import { readWebAssets } from "../../src/web/web-assets.js";
import { createAppDeps } from "../../src/wiring/create-app-deps.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface TestAppOptions {
  /** Environment variables as a deployment would set them (COACH_TOKENS, COACH_MAX_BODY_BYTES …). */
  env?: Record<string, string>;
  model?: ChatModel;
  sessionsFile?: string;
  /** A session store of the test's own (e.g. a D1-shaped one); SQLite when absent. */
  sessions?: SessionStore;
  /** Conversations and rep files; SQLite in the sessions file (or in memory) when absent. */
  chat?: ChatStore;
  /** Practice records; SQLite in the sessions file (or in memory) when absent. */
  progress?: ProgressStore;
  playbookDir?: string;
  /** The store to index into; the in-memory one when absent (bench and evals pass LanceDB). */
  openStore?: (request: StoreRequest) => Promise<Store>;
  log?: (line: string) => void;
  /** Role-play session ids; random when absent. */
  newId?: () => string;
  logError?: (error: unknown, context: { method: string; path: string }) => void;
}

/**
 * The app's real dependencies over the shipped corpus, wired by the same `createAppDeps` as every runtime, with the
 * in-memory store (no files written) and SQLite in memory unless a file is named. The rate limit is off unless
 * `env` sets one: tests send bursts on purpose.
 */
export async function realAppDeps(options: TestAppOptions = {}): Promise<AppDeps> {
  // The handbook alone unless a test adds playbooks of its own: a user's playbooks never change a test.
  const paths = {
    ...defaultPaths(root, { playbooks: false }),
    ...(options.playbookDir ? { playbookDir: options.playbookDir } : {}),
  };
  const { corpus } = await buildFromFiles(paths);
  return createAppDeps({
    config: loadConfig({ COACH_RATE_LIMIT: "0", ...options.env }),
    corpus,
    lexicon: await readLexiconFiles(paths.corpusDir),
    files: await readCoachFiles(root),
    web: await readWebAssets(join(root, "src", "web", "assets")),
    apiDocs: await readApiDocsAssets(),
    openStore: options.openStore ?? openMemoryStore,
    sessions: options.sessions ?? new SqliteSessionStore(options.sessionsFile ?? ":memory:"),
    chat: options.chat ?? new SqliteChatStore(options.sessionsFile ?? ":memory:"),
    progress: options.progress ?? new SqliteProgressStore(options.sessionsFile ?? ":memory:"),
    clientKey: () => "test",
    version: "test",
    ...(options.model ? { model: options.model } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.newId ? { newId: options.newId } : {}),
    logError: options.logError ?? ((error) => console.error(error)),
  });
}
