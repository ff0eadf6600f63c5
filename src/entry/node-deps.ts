import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { AppDeps } from "../app.js";
import type { ChatStore } from "../coach/chat/chat-store.js";
import { SqliteChatStore } from "../coach/chat/sqlite-chat-store.js";
import { readCoachFiles } from "../coach/coach-files.js";
import type { ProgressStore } from "../coach/progress/progress-store.js";
import { SqliteProgressStore } from "../coach/progress/sqlite-progress-store.js";
import type { SessionStore } from "../coach/roleplay/session-store.js";
import { SqliteSessionStore } from "../coach/roleplay/sqlite-store.js";
import type { Config } from "../config.js";
import { loadOrIngest } from "../corpus/ingest.js";
import { packageRoot } from "../lib/package-root.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import { LanceStore } from "../retrieval/stores/lancedb.js";
import { VERSION } from "../version.js";
import { readApiDocsAssets } from "../web/read-api-docs-assets.js";
import { readWebAssets } from "../web/web-assets.js";
import { createAppDeps } from "../wiring/create-app-deps.js";
import { corpusPaths } from "./corpus-paths.js";

export const ROOT = packageRoot(import.meta.url);

/** The SQLite file under COACH_DATA_DIR: role-play sessions, conversations, rep files and practice records. */
function databaseFile(config: Config): string {
  return join(resolve(ROOT, config.dataDir), "sessions.db");
}

/** The SQLite session store under COACH_DATA_DIR. */
export function openSessionStore(config: Config): SqliteSessionStore {
  return new SqliteSessionStore(databaseFile(config));
}

/** The SQLite store of conversations and rep files (the same file, its own connection). */
export function openChatStore(config: Config): SqliteChatStore {
  return new SqliteChatStore(databaseFile(config));
}

/** The SQLite store of practice records (the same file, its own connection). */
export function openProgressStore(config: Config): SqliteProgressStore {
  return new SqliteProgressStore(databaseFile(config));
}

/**
 * The Node runtime's parts: the corpus (built when missing or stale) and every data file from the checkout, LanceDB
 * and SQLite under COACH_DATA_DIR, the socket's address for the rate limit. Shared by the server and the CLI.
 */
export async function nodeAppDeps(
  config: Config,
  log: (line: string) => void = console.log,
  /** The session store to keep (a playbook reload rebuilds the rest, not the database connection). */
  sessions: SessionStore = openSessionStore(config),
  chat: ChatStore = openChatStore(config),
  progress: ProgressStore = openProgressStore(config),
): Promise<AppDeps> {
  const { corpus, rebuilt } = await loadOrIngest(corpusPaths(ROOT, config));
  if (rebuilt) log(`corpus built: ${corpus.stats.sections} sections, ${corpus.stats.chunks} chunks`);
  const dataDir = resolve(ROOT, config.dataDir);
  const lanceUri = config.lanceUri ?? join(dataDir, "lancedb");
  return createAppDeps({
    config,
    corpus,
    lexicon: await readLexiconFiles(join(ROOT, "corpus")),
    files: await readCoachFiles(ROOT),
    // Beside the bundle in dist/ when this runs compiled (npm run build writes it); absent under tsx.
    web: await readWebAssets(
      join(ROOT, "src", "web", "assets"),
      fileURLToPath(new URL("./web/app.js", import.meta.url)),
    ),
    apiDocs: await readApiDocsAssets(),
    openStore: (request) => LanceStore.open({ uri: lanceUri, ...request }),
    sessions,
    chat,
    progress,
    // The socket's address: X-Forwarded-For is the client's to write, so it would let anyone reset their limit.
    clientKey: (context) => {
      try {
        return getConnInfo(context).remote.address ?? "unknown";
      } catch {
        return "in-process"; // app.request() or app.fetch() without a socket (the CLI, tests)
      }
    },
    version: VERSION,
    log,
  });
}
