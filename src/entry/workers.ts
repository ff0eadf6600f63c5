import type { Hono } from "hono";
import corpusJson from "../../corpus/build/handbook.json";
import edgeJson from "../../corpus/build/edge-data.json";
import { createApp } from "../app.js";
import { D1SessionStore, type D1Like } from "../coach/roleplay/d1-store.js";
import { createCoachServices } from "../coach/services.js";
import { loadConfig } from "../config.js";
import { CorpusIndex } from "../corpus/corpus-index.js";
import type { Corpus } from "../corpus/types.js";
import { toTraditional } from "../lib/script.js";
import { chatModelFor } from "../llm/openai.js";
import { createRetriever, openMemoryStore } from "../retrieval/create-retriever.js";
import { VERSION } from "../version.js";
import type { EdgeData } from "./edge-data.js";
import { accessDeps } from "../lib/access.js";

/** Bindings and vars of wrangler.toml; secrets (OPENAI_API_KEY) arrive the same way. */
export interface Env {
  DB: D1Like;
  [name: string]: unknown;
}

let app: Promise<Hono> | undefined;

/** Builds the app once per isolate from the bundled corpus and data; requests only use it. */
async function build(env: Env): Promise<Hono> {
  const strings = Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === "string")) as Record<string, string>;
  const config = loadConfig(strings);
  const data = edgeJson as unknown as EdgeData;
  const corpus = new CorpusIndex(corpusJson as unknown as Corpus);
  const retriever = await createRetriever({ corpus, lexicon: data.lexicon, toTraditional, openStore: openMemoryStore });
  const model = chatModelFor(config);
  return createApp({
    corpus,
    retriever,
    ...createCoachServices({ corpus, retriever, files: data, sessions: new D1SessionStore(env.DB), ...(model ? { model } : {}) }),
    web: data.web,
    mode: config.mode,
    version: VERSION,
    maxBodyBytes: config.maxBodyBytes,
    // Cloudflare sets CF-Connecting-IP itself; the limit is per isolate, so a soft one (see rate-limit.ts).
    ...accessDeps(config, (context) => context.req.header("cf-connecting-ip") ?? "unknown"),
    logError: (error, context) => console.error(`${context.method} ${context.path} failed:`, error),
  });
}

export default {
  async fetch(request: Request, env: Env, context: unknown): Promise<Response> {
    app ??= build(env);
    return (await app).fetch(request, env, context as never);
  },
};
