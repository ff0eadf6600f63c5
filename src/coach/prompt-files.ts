import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readAll } from "../lib/read-all.js";
import type { AdvicePromptFiles } from "./advice/create-advice.js";

/** Reads the prompts/ folder (Node; Workers bundle the same files). */
export async function readAdvicePromptFiles(promptsDir: string): Promise<AdvicePromptFiles> {
  const [diagnosis, offline, settings, system, user] = await readAll(promptsDir, [
    "diagnosis.json",
    "advice-offline.json",
    "advice-settings.json",
    "advice.system.md",
    "advice.user.md",
  ]);
  return {
    diagnosisJson: JSON.parse(diagnosis) as unknown,
    offlineJson: JSON.parse(offline) as unknown,
    settingsJson: JSON.parse(settings) as unknown,
    system,
    user,
    // Parsed on the first scenario, not at start (an idle server does not hold its weights).
    modelJson: () => JSON.parse(readFileSync(join(promptsDir, "advice-model.json"), "utf8")) as unknown,
  };
}
