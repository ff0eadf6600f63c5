import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { loadConfig } from "../config.js";
import { VERSION } from "../version.js";
import { corpusPaths } from "./corpus-paths.js";
import { listenErrorLine } from "./listen-error.js";
import { nodeAppDeps, openChatStore, openProgressStore, openSessionStore, ROOT } from "./node-deps.js";
import { SwappableApp } from "./swappable-app.js";
import { watchPlaybooks } from "./watch-playbooks.js";

/** The Node entry: environment → config → dependencies (corpus and index built on first start) → serve. */
async function main(): Promise<void> {
  (await import("./load-env.js")).loadEnvFile(process.env);
  const config = loadConfig(process.env);
  // One session database for the process: a playbook reload swaps the corpus and the services, not the connection.
  const sessions = openSessionStore(config);
  const chat = openChatStore(config);
  const progress = openProgressStore(config);
  const first = await nodeAppDeps(config, console.log, sessions, chat, progress);
  let version = first.corpus.corpus.version;
  const app = new SwappableApp(createApp(first));
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const seconds = (performance.now() / 1000).toFixed(2); // since the process started, Node's own start included
    console.log(`sales-coach ${VERSION} (${config.mode} mode) on http://localhost:${info.port} after ${seconds}s`);
  });
  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(listenErrorLine(error, config.host, config.port));
    process.exit(1);
  });

  const playbooks = watchPlaybooks({
    folder: corpusPaths(ROOT, config).playbookDir as string,
    reload: async () => {
      const deps = await nodeAppDeps(config, console.log, sessions, chat, progress);
      if (deps.corpus.corpus.version === version) return; // a file that is not a playbook, or no real change
      app.swap(createApp(deps));
      version = deps.corpus.corpus.version;
      console.log(`playbooks changed: now serving ${deps.corpus.chunks.length} chunks (corpus ${version})`);
    },
    log: (line) => console.error(line),
  });

  const stop = () => {
    playbooks.close();
    server.close(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
