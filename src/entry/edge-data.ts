import { join } from "node:path";
import { readCoachFiles } from "../coach/coach-files.js";
import type { CoachFiles } from "../coach/services.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import type { LexiconFiles } from "../retrieval/offline-parts.js";
import type { ApiDocsAssets } from "../web/api-docs.js";
import type { WebAssets } from "../web/pages.js";
import { readApiDocsAssets } from "../web/read-api-docs-assets.js";
import { readWebAssets } from "../web/web-assets.js";

/** Every data file the app reads, in one object: what the Workers build imports (it has no file system). */
export interface EdgeData extends CoachFiles {
  lexicon: LexiconFiles;
  web: WebAssets;
  apiDocs: ApiDocsAssets;
}

/** Reads the same files the Node entry reads, through the same readers. */
export async function readEdgeData(root: string): Promise<EdgeData> {
  return {
    lexicon: await readLexiconFiles(join(root, "corpus")),
    ...(await readCoachFiles(root)),
    web: await readWebAssets(join(root, "src", "web", "assets")),
    apiDocs: await readApiDocsAssets(),
  };
}
