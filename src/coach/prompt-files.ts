import { readAll } from "../lib/read-all.js";
import type { AdvicePromptFiles } from "./advice/create-advice.js";

/** Reads the prompts/ folder (Node; Workers bundle the same files). */
export async function readAdvicePromptFiles(promptsDir: string): Promise<AdvicePromptFiles> {
  const [diagnosis, offline, settings, system, user, model] = await readAll(promptsDir, [
    "diagnosis.json",
    "advice-offline.json",
    "advice-settings.json",
    "advice.system.md",
    "advice.user.md",
    "advice-model.json",
  ]);
  return {
    diagnosisJson: JSON.parse(diagnosis) as unknown,
    offlineJson: JSON.parse(offline) as unknown,
    settingsJson: JSON.parse(settings) as unknown,
    system,
    user,
    modelJson: JSON.parse(model) as unknown,
  };
}
