import { readFileSync } from "node:fs";
import { realAppDeps } from "../../test/support/app-deps.js";
import { direction, disposition } from "../suites/roleplay-scripts.js";
import { type Script, ScriptSchema } from "./check-scripts.js";

/**
 * `npx tsx evals/roleplay/transcripts.ts`: for every persona, one dev script played the handbook's way and one
 * against it (a mixed one when the persona has no such script), through real offline sessions: each user turn, the
 * moves read and what they did to the meters, the direction the script's writer expected, and the persona's line with its
 * kind (and the kind the writer expected).
 * Markdown on stdout.
 */
const deps = await realAppDeps();
const service = deps.roleplay;
const scripts: Script[] = readFileSync(new URL("scripts/dev.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => ScriptSchema.parse(JSON.parse(line)));
for (const persona of [...new Set(scripts.map((script) => script.persona))].sort()) {
  const mine = scripts.filter((script) => script.persona === persona);
  const good = mine.find((script) => script.kind === "follows") ?? mine.find((script) => script.kind === "mixed");
  const bad =
    mine.find((script) => script.kind === "breaks") ??
    mine.find((script) => script.kind === "mixed" && script !== good);
  console.log(`\n#### ${persona}`);
  for (const [label, script] of [
    ["the handbook's way", good],
    ["against it", bad],
  ] as const) {
    if (!script) continue;
    const session = await service.create(script.persona, script.lang);
    let before = disposition(session.state);
    console.log(`\n${label} (${script.id}): «${session.messages[0]?.text}»`);
    for (const turn of script.turns) {
      const outcome = await service.message(session.id, turn.text);
      const after = disposition(outcome.state);
      const moved = direction(before, after).replace("-", "−");
      before = after;
      const read =
        outcome.effects
          .map(
            (effect) =>
              `${effect.move} ${Object.entries(effect.changes)
                .map(([meter, delta]) => `${meter}${delta > 0 ? "+" : ""}${delta}`)
                .join(" ")}`,
          )
          .join("; ") || "no move";
      console.log(
        `- ${turn.text} → [${read}] ${moved} (want ${turn.direction.replace("-", "−")}) → «${outcome.reply.text}» (${outcome.replyKind}${turn.reply === "any" ? "" : `, want ${turn.reply}`})`,
      );
    }
  }
}
