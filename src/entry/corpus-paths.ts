import { join, resolve } from "node:path";
import type { Config } from "../config.js";
import { defaultPaths, type IngestPaths } from "../corpus/ingest.js";

/**
 * Where the Node server reads and writes its corpus. With COACH_PLAYBOOKS_DIR set, the playbooks come from
 * there and the built corpus goes under the data dir: a corpus with other playbooks is not the checkout's,
 * and must not overwrite corpus/build/ for the next `npm start`.
 */
export function corpusPaths(root: string, config: Config): IngestPaths {
  const paths = defaultPaths(root);
  if (!config.playbooksDir) return paths;
  return {
    ...paths,
    playbookDir: resolve(root, config.playbooksDir),
    outputFile: join(resolve(root, config.dataDir), "corpus", "handbook.json"),
  };
}
