import { readAll } from "../../lib/read-all.js";
import type { FabeFiles } from "./fabe-service.js";

/** Reads FABE's data files from the repository (Node; Workers bundle the same files). */
export async function readFabeFiles(root: string): Promise<FabeFiles> {
  const [cues, model, feedback, settings, products, drills, system] = await readAll(root, [
    "prompts/fabe-cues.json",
    "prompts/fabe-model.json",
    "prompts/fabe-feedback.json",
    "prompts/fabe-settings.json",
    "corpus/products.json",
    "corpus/drills.json",
    "prompts/fabe.system.md",
  ]);
  return {
    cuesJson: JSON.parse(cues) as unknown,
    modelJson: JSON.parse(model) as unknown,
    feedbackJson: JSON.parse(feedback) as unknown,
    settingsJson: JSON.parse(settings) as unknown,
    productsJson: JSON.parse(products) as unknown,
    drillsJson: JSON.parse(drills) as unknown,
    system,
  };
}
