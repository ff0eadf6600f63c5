import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The checkout's root (the folder holding package.json), found by walking up from a module's URL. The data
 * files (corpus, prompts, web assets) live there, and the module may run from `src/` (tsx) or from a bundle in
 * `dist/`, so a fixed `../..` would be right for one and wrong for the other.
 */
export function packageRoot(from: string | URL): string {
  let folder = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(folder, "package.json"))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    folder = parent;
  }
}
