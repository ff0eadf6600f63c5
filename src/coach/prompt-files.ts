import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AdvicePromptFiles } from "./advice/create-advice.js";

/** Reads the prompts/ folder (Node; Workers bundle the same files). */
export async function readAdvicePromptFiles(promptsDir: string): Promise<AdvicePromptFiles> {
  const read = (name: string) => readFile(join(promptsDir, name), "utf8");
  const [diagnosis, offline, system, user] = await Promise.all([
    read("diagnosis.json"),
    read("advice-offline.json"),
    read("advice.system.md"),
    read("advice.user.md"),
  ]);
  return { diagnosisJson: JSON.parse(diagnosis) as unknown, offlineJson: JSON.parse(offline) as unknown, system, user };
}
