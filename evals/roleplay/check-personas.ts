import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePersona } from "../../src/coach/roleplay/persona.js";
import { readRoleplayFiles } from "../../src/coach/roleplay/roleplay-files.js";

/**
 * `npx tsx evals/roleplay/check-personas.ts`: parses every card of prompts/personas as the service does at start
 * (every move of its mode has effects and replies, every chunk id exists in the built handbook) and prints each
 * card's problems. Needs corpus/build (made by `npm start` or `npm run build`).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const handbook = JSON.parse(readFileSync(join(root, "corpus", "build", "handbook.json"), "utf8")) as {
  chunks: Array<{ id: string }>;
};
const ids = new Set(handbook.chunks.map((chunk) => chunk.id));
const files = await readRoleplayFiles(join(root, "prompts"));
let bad = 0;
for (const json of files.personasJson) {
  try {
    const persona = parsePersona(json, (id) => ids.has(id));
    console.log(`ok ${persona.id}`);
  } catch (error) {
    bad++;
    console.log(error instanceof Error ? error.message : String(error));
  }
}
process.exitCode = bad ? 1 : 0;
