import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readFabeFiles } from "./fabe/fabe-files.js";
import { readAdvicePromptFiles } from "./prompt-files.js";
import { readRoleplayFiles } from "./roleplay/roleplay-files.js";
import type { CoachFiles } from "./services.js";

/** Reads the coaching services' files from a checkout (Node; the Workers build bundles the same files). */
export async function readCoachFiles(root: string): Promise<CoachFiles> {
  return {
    advicePrompts: await readAdvicePromptFiles(join(root, "prompts")),
    fabe: await readFabeFiles(root),
    roleplay: await readRoleplayFiles(join(root, "prompts")),
    progressJson: JSON.parse(await readFile(join(root, "prompts", "progress.json"), "utf8")) as unknown,
  };
}
