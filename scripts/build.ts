import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * `npm run build`: bundles the Node server and the CLI into dist/ so `npm start` runs plain JavaScript, with no
 * TypeScript compiler loaded at run time (tsx costs a second process, ~50 MiB and ~0.5 s at every start).
 * Native packages (better-sqlite3, LanceDB) stay external because their .node binaries cannot be bundled;
 * apache-arrow is LanceDB's peer and must be the same copy LanceDB loads.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const started = performance.now();
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { server: "src/entry/node.ts", cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true, // the server and the CLI share most of their code: one copy of each chunk
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  charset: "utf8", // the opencc phrase table as written: escaped, it is twice the size for V8 to parse

  external: ["better-sqlite3", "@lancedb/lancedb", "apache-arrow"],
  // Bundled CommonJS packages call require(); an ES module has none unless we make one.
  banner: {
    js: [
      'import { createRequire as __createRequire } from "node:module";',
      "const require = __createRequire(import.meta.url);",
    ].join(" "),
  },
  logLevel: "warning",
});
console.log(`built dist/server.js and dist/cli.js in ${((performance.now() - started) / 1000).toFixed(1)}s`);
