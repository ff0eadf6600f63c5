import { serve } from "@hono/node-server";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { createApp } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import { defaultPaths, loadOrIngest } from "../corpus/ingest.js";
import { createAdviceService } from "../coach/advice/create-advice.js";
import { readAdvicePromptFiles } from "../coach/prompt-files.js";
import { toSimplified, toTraditional } from "../lib/script.js";
import { OpenAIChatModel } from "../llm/openai.js";
import { createRetriever } from "../retrieval/create-retriever.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import { ProviderEmbedder } from "../retrieval/provider-embedder.js";
import { LanceStore } from "../retrieval/stores/lancedb.js";
import { VERSION } from "../version.js";

/** The Node entry: environment → config → corpus (built on first start) → serve. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(process.env);
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const { corpus, rebuilt } = await loadOrIngest(defaultPaths(root));
  if (rebuilt) console.log(`corpus built: ${corpus.stats.sections} sections, ${corpus.stats.chunks} chunks`);

  const corpusIndex = new CorpusIndex(corpus);
  const lexicon = await readLexiconFiles(join(root, "corpus"));
  const lanceUri = config.lanceUri ?? join(resolve(root, config.dataDir), "lancedb");
  const retriever = await createRetriever({
    corpus: corpusIndex,
    lexicon,
    toTraditional,
    openStore: (request) => LanceStore.open({ uri: lanceUri, ...request }),
    ...(config.llm.embedModel ? { embedder: providerEmbedder(config, corpus.version) } : {}),
  });

  const model =
    config.mode === "llm"
      ? new OpenAIChatModel({
          ...(config.llm.apiKey ? { apiKey: config.llm.apiKey } : {}),
          ...(config.llm.baseUrl ? { baseUrl: config.llm.baseUrl } : {}),
          model: config.llm.model,
          timeoutMs: config.llm.timeoutMs,
        })
      : undefined;
  const advice = createAdviceService({
    retriever,
    corpus: corpusIndex,
    prompts: await readAdvicePromptFiles(join(root, "prompts")),
    toTraditional,
    toSimplified,
    ...(model ? { model } : {}),
  });

  const app = createApp({
    corpus: corpusIndex,
    retriever,
    advice,
    mode: config.mode,
    version: VERSION,
    maxBodyBytes: config.maxBodyBytes,
    logError: (error, context) => console.error(`${context.method} ${context.path} failed:`, error),
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`sales-coach ${VERSION} (${config.mode} mode) on http://localhost:${info.port} after ${seconds}s`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function providerEmbedder(config: Config, corpusVersion: string): ProviderEmbedder {
  const client = new OpenAI({
    apiKey: config.llm.apiKey ?? "not-needed",
    ...(config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {}),
  });
  return new ProviderEmbedder(client, config.llm.embedModel as string, corpusVersion);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
