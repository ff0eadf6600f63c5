import { join, resolve } from "node:path";
import type { AppDeps } from "../app.js";
import { readCoachFiles } from "../coach/coach-files.js";
import { SqliteSessionStore } from "../coach/roleplay/sqlite-store.js";
import { createCoachServices } from "../coach/services.js";
import type { Config } from "../config.js";
import { getConnInfo } from "@hono/node-server/conninfo";
import { accessDeps } from "../lib/access.js";
import { readWebAssets } from "../web/web-assets.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import { loadOrIngest } from "../corpus/ingest.js";
import { corpusPaths } from "./corpus-paths.js";
import { toTraditional } from "../lib/script.js";
import { chatModelFor, loadOpenAI } from "../llm/openai.js";
import { createRetriever } from "../retrieval/create-retriever.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import { ProviderEmbedder } from "../retrieval/provider-embedder.js";
import { LanceStore } from "../retrieval/stores/lancedb.js";
import { VERSION } from "../version.js";
import { packageRoot } from "../lib/package-root.js";

export const ROOT = packageRoot(import.meta.url);

/**
 * Everything the app needs on Node, from a validated config: the corpus (built when missing or stale),
 * LanceDB under COACH_DATA_DIR, the prompts, and the model in llm mode. Shared by the server and the CLI.
 */
export async function nodeAppDeps(config: Config, log: (line: string) => void = console.log): Promise<AppDeps> {
  const { corpus, rebuilt } = await loadOrIngest(corpusPaths(ROOT, config));
  if (rebuilt) log(`corpus built: ${corpus.stats.sections} sections, ${corpus.stats.chunks} chunks`);
  const corpusIndex = new CorpusIndex(corpus);
  const lanceUri = config.lanceUri ?? join(resolve(ROOT, config.dataDir), "lancedb");
  const retriever = await createRetriever({
    corpus: corpusIndex,
    lexicon: await readLexiconFiles(join(ROOT, "corpus")),
    toTraditional,
    openStore: (request) => LanceStore.open({ uri: lanceUri, ...request }),
    ...(config.llm.embedModel ? { embedder: await providerEmbedder(config, corpus.version) } : {}),
  });
  const model = chatModelFor(config);
  const services = createCoachServices({
    corpus: corpusIndex,
    retriever,
    files: await readCoachFiles(ROOT),
    sessions: new SqliteSessionStore(join(resolve(ROOT, config.dataDir), "sessions.db")),
    ...(model ? { model } : {}),
  });
  return {
    corpus: corpusIndex,
    retriever,
    ...services,
    web: await readWebAssets(join(ROOT, "src", "web", "assets")),
    mode: config.mode,
    version: VERSION,
    maxBodyBytes: config.maxBodyBytes,
    // The socket's address: X-Forwarded-For is the client's to write, so it would let anyone reset their limit.
    ...accessDeps(config, (context) => getConnInfo(context).remote.address ?? "unknown"),
    logError: (error, context) => console.error(`${context.method} ${context.path} failed:`, error),
  };
}

async function providerEmbedder(config: Config, corpusVersion: string): Promise<ProviderEmbedder> {
  const { default: OpenAI } = await loadOpenAI();
  const client = new OpenAI({
    apiKey: config.llm.apiKey ?? "not-needed",
    ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
  });
  return new ProviderEmbedder(client, config.llm.embedModel as string, corpusVersion);
}
