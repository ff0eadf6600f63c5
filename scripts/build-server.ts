import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { build } from "esbuild";
import { bundleClient } from "../src/web/bundle-client.js";

/**
 * Bundles the Node server and the CLI into `outdir` (`server.js`, `cli.js`), so `npm start` runs plain JavaScript,
 * with no TypeScript compiler loaded at run time (tsx costs a second process, ~50 MiB and ~0.5 s at every start).
 * Native packages (better-sqlite3, LanceDB) stay external because their .node binaries cannot be bundled;
 * apache-arrow is LanceDB's peer and must be the same copy LanceDB loads. esbuild (which bundles the page's script
 * at start) must run from its own package, next to its binary; swagger-ui-dist is read as files, not imported.
 * The bundle finds the data files by walking up to package.json, so `outdir` must be inside the checkout.
 */
export async function buildServer(root: string, outdir: string): Promise<void> {
  const target = isAbsolute(outdir) ? outdir : join(root, outdir);
  rmSync(target, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { server: "src/entry/node.ts", cli: "src/cli.ts" },
    outdir: target,
    bundle: true,
    splitting: true, // the server and the CLI share most of their code: one copy of each chunk
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    minifyWhitespace: true, // less source for V8 to scan at every start; names stay readable in stack traces
    minifySyntax: true,
    charset: "utf8", // the opencc phrase table as written: escaped, it is twice the size for V8 to parse
    external: ["better-sqlite3", "@lancedb/lancedb", "apache-arrow", "esbuild", "swagger-ui-dist"],
    // Bundled CommonJS packages call require(); an ES module has none unless we make one.
    banner: {
      js: [
        'import { createRequire as __createRequire } from "node:module";',
        "const require = __createRequire(import.meta.url);",
      ].join(" "),
    },
    logLevel: "warning",
  });
  // The page's script, bundled now so the compiled server needs no esbuild at run time (src/entry/node-deps.ts).
  mkdirSync(join(target, "web"), { recursive: true });
  writeFileSync(join(target, "web", "app.js"), await bundleClient(join(root, "src", "web", "client", "main.ts")));
}
