import edgeJson from "../../corpus/build/edge-data.json";
import corpusJson from "../../corpus/build/handbook.json";
import { type AppType, createApp } from "../app.js";
import { D1ChatStore } from "../coach/chat/d1-chat-store.js";
import { D1ProgressStore } from "../coach/progress/d1-progress-store.js";
import { type D1Like, D1SessionStore } from "../coach/roleplay/d1-store.js";
import { loadConfig } from "../config.js";
import type { Corpus } from "../corpus/types.js";
import { openMemoryStore } from "../retrieval/create-retriever.js";
import { VERSION } from "../version.js";
import { createAppDeps } from "../wiring/create-app-deps.js";
import type { EdgeData } from "./edge-data.js";
import { EDGE_SITUATIONS_PATH } from "./edge-paths.js";

/** Bindings and vars of wrangler.toml; secrets (OPENAI_API_KEY) arrive the same way. */
export interface Env {
  DB: D1Like;
  /** wrangler.toml `[assets]`: the static assets, which also hold the data too big for the Worker's bundle. */
  ASSETS: { fetch: (request: Request) => Promise<Response> };
  [name: string]: unknown;
}

let app: Promise<AppType> | undefined;

/** Builds the app once per isolate from the bundled corpus and data; requests only use it. */
async function build(env: Env): Promise<AppType> {
  const strings = Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === "string"));
  const data = edgeJson as unknown as EdgeData;
  // The managers' situation lines live in the static assets (src/entry/edge-data.ts), fetched once per isolate.
  const situations = await env.ASSETS.fetch(new Request(`https://assets.invalid${EDGE_SITUATIONS_PATH}`));
  if (!situations.ok) throw new Error(`static asset ${EDGE_SITUATIONS_PATH}: ${situations.status}`);
  const deps = await createAppDeps({
    config: loadConfig(strings as Record<string, string>),
    corpus: corpusJson as unknown as Corpus,
    lexicon: { ...data.lexicon, managerSituationsTsv: await situations.text() },
    files: data,
    web: data.web,
    openStore: openMemoryStore,
    sessions: new D1SessionStore(env.DB),
    chat: new D1ChatStore(env.DB),
    progress: new D1ProgressStore(env.DB),
    // Cloudflare sets CF-Connecting-IP itself; the limit is per isolate, so a soft one (see rate-limit.ts).
    clientKey: (context) => context.req.header("cf-connecting-ip") ?? "unknown",
    version: VERSION,
    log: (line) => console.log(line),
  });
  return createApp(deps);
}

export default {
  async fetch(request: Request, env: Env, context: unknown): Promise<Response> {
    app ??= build(env);
    return (await app).fetch(request, env, context as never);
  },
};
