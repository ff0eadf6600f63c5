import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_ENTRY = fileURLToPath(new URL("./client/main.ts", import.meta.url));

/**
 * Bundles the browser client (`src/web/client/main.ts` and what it imports) into one minified ES2020 script, in
 * memory. The client imports the server's types only (and Hono's typed client); a value import from outside the
 * client folder would put server code (and its dependencies) in the browser, so the bundle is refused if it has any.
 * No source map: the modules are small and named, and a map would double what every page load fetches.
 */
export async function bundleClient(entry: string = DEFAULT_ENTRY): Promise<string> {
  const clientDir = dirname(resolve(entry));
  // Loaded here, not at module load: the compiled server reads a prebuilt script and never needs esbuild.
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    metafile: true,
    logLevel: "silent",
  });
  const strays = Object.keys(result.metafile.inputs).filter((input) => {
    const path = relative(clientDir, resolve(input));
    // Hono's typed client (hono/client) is the one package the browser gets: a few kilobytes of fetch wrappers.
    if (/node_modules[\\/]hono[\\/]dist[\\/]/.test(input)) return false;
    // The typed client's helpers are shared with the CLI; they import nothing but hono/client.
    if (/src[\\/]api[\\/]client\.ts$/.test(input)) return false;
    return path.startsWith("..") || path.includes("node_modules");
  });
  if (strays.length > 0) {
    throw new Error(
      `The web client must import only types from outside src/web/client; it bundled ${strays.join(", ")}`,
    );
  }
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no client script");
  return output.text;
}
