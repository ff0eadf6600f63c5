import { fileURLToPath } from "node:url";
import type { AppDeps } from "../app.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import { buildFromFiles, defaultPaths } from "../corpus/ingest.js";
import { join } from "node:path";
import { createAdviceService } from "../coach/advice/create-advice.js";
import { readAdvicePromptFiles } from "../coach/prompt-files.js";
import { readFabeFiles } from "../coach/fabe/fabe-files.js";
import { FabeService } from "../coach/fabe/fabe-service.js";
import { readRoleplayFiles } from "../coach/roleplay/roleplay-files.js";
import { RoleplayService } from "../coach/roleplay/roleplay-service.js";
import { SqliteSessionStore } from "../coach/roleplay/sqlite-store.js";
import type { ChatModel } from "../llm/types.js";
import { readWebAssets } from "../web/web-assets.js";
import { toSimplified, toTraditional } from "../lib/script.js";
import { createRetriever, openMemoryStore } from "../retrieval/create-retriever.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The app's real dependencies over the shipped corpus, with the in-memory store (no files written). */
export async function realAppDeps(
  overrides: Partial<AppDeps> = {},
  options: { model?: ChatModel; sessionsFile?: string; playbookDir?: string } = {},
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
  const fabe = new FabeService(await readFabeFiles(root), index, toTraditional, options.model);
  return {
    corpus: index,
    retriever,
    advice: createAdviceService({
      retriever,
      corpus: index,
      prompts: await readAdvicePromptFiles(join(root, "prompts")),
      toTraditional,
      toSimplified,
      ...(options.model ? { model: options.model } : {}),
    }),
    fabe,
    roleplay: new RoleplayService(await readRoleplayFiles(join(root, "prompts")), {
      store: new SqliteSessionStore(options.sessionsFile ?? ":memory:"),
      corpus: index,
      fabe,
      toTraditional,
      toSimplified,
      newId: () => crypto.randomUUID(),
      now: () => new Date(),
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
