import { join } from "node:path";
import type { AdvicePromptFiles } from "../coach/advice/create-advice.js";
import { readFabeFiles } from "../coach/fabe/fabe-files.js";
import type { FabeFiles } from "../coach/fabe/fabe-service.js";
import { readAdvicePromptFiles } from "../coach/prompt-files.js";
import { readRoleplayFiles } from "../coach/roleplay/roleplay-files.js";
import type { RoleplayFiles } from "../coach/roleplay/roleplay-service.js";
import { readLexiconFiles } from "../retrieval/lexicon-files.js";
import type { LexiconFiles } from "../retrieval/offline-parts.js";
import type { WebAssets } from "../web/pages.js";
import { readWebAssets } from "../web/web-assets.js";

/** Every data file the app reads, in one object: what the Workers build imports (it has no file system). */
export interface EdgeData {
  lexicon: LexiconFiles;
  advicePrompts: AdvicePromptFiles;
  fabe: FabeFiles;
  roleplay: RoleplayFiles;
  web: WebAssets;
}

/** Reads the same files the Node entry reads, through the same readers. */
export async function readEdgeData(root: string): Promise<EdgeData> {
  return {
    lexicon: await readLexiconFiles(join(root, "corpus")),
    advicePrompts: await readAdvicePromptFiles(join(root, "prompts")),
    fabe: await readFabeFiles(root),
    roleplay: await readRoleplayFiles(join(root, "prompts")),
    web: await readWebAssets(join(root, "src", "web", "assets")),
  };
}
