import { readFileSync } from "node:fs";
import { access, readdir } from "node:fs/promises";
import { join } from "node:path";
import { readAll } from "../../lib/read-all.js";
import type { RoleplayFiles } from "./roleplay-service.js";

/** Reads prompts/personas/*.json and the role-play data files (Node; Workers bundle them). */
export async function readRoleplayFiles(promptsDir: string): Promise<RoleplayFiles> {
  const personaDir = join(promptsDir, "personas");
  const names = (await readdir(personaDir)).filter((name) => name.endsWith(".json")).sort();
  const [personas, [moves, debrief, settings, system]] = await Promise.all([
    readAll(personaDir, names),
    readAll(promptsDir, [
      "roleplay-moves.json",
      "roleplay-debrief.json",
      "roleplay-settings.json",
      "roleplay.system.md",
    ] as const),
  ]);
  // The move model is read on the first turn that needs it; a missing file fails here, at the start, as before.
  const moveModelFile = join(promptsDir, "roleplay-move-model.json");
  await access(moveModelFile);
  return {
    personasJson: personas.map((text) => JSON.parse(text) as unknown),
    movesJson: JSON.parse(moves) as unknown,
    debriefJson: JSON.parse(debrief) as unknown,
    settingsJson: JSON.parse(settings) as unknown,
    system,
    moveModelText: () => readFileSync(moveModelFile, "utf8"),
  };
}
