import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FabeFiles } from "./fabe-service.js";

/** Reads FABE's data files from the repository (Node; Workers bundle the same files). */
export async function readFabeFiles(root: string): Promise<FabeFiles> {
  const read = (path: string) => readFile(join(root, path), "utf8");
  const [cues, feedback, products, drills, system] = await Promise.all([
    read("prompts/fabe-cues.json"),
    read("prompts/fabe-feedback.json"),
    read("corpus/products.json"),
    read("corpus/drills.json"),
    read("prompts/fabe.system.md"),
  ]);
  return {
    cuesJson: JSON.parse(cues) as unknown,
    feedbackJson: JSON.parse(feedback) as unknown,
    productsJson: JSON.parse(products) as unknown,
    drillsJson: JSON.parse(drills) as unknown,
    system,
  };
}
