import { fileURLToPath } from "node:url";
import { buildServer } from "./build-server.js";

/** `npm run build`: the compiled server and CLI in dist/ (what `npm start` runs). */
const root = fileURLToPath(new URL("..", import.meta.url));
const started = performance.now();
await buildServer(root, "dist");
console.log(`built dist/server.js and dist/cli.js in ${((performance.now() - started) / 1000).toFixed(1)}s`);
