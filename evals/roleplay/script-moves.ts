import type { Mode } from "../../src/coach/roleplay/persona.js";
import type { ReadMove } from "../../src/coach/roleplay/read-turn.js";
import { startState, takeTurn } from "../../src/coach/roleplay/simulate.js";
import { toSimplified } from "../../src/lib/script.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import { loadTurns, readRoleplaySettings } from "../roleplay-training.js";
import { direction, disposition, loadScripts } from "../suites/roleplay-scripts.js";
import { scoreMoves } from "./move-metrics.js";

/**
 * `npx tsx evals/roleplay/script-moves.ts`: where the dev scripts go wrong. Every user turn of
 * evals/roleplay/scripts/dev.jsonl was labelled with its moves by an independent labeller from the labelling guide
 * (evals/roleplay/scripts/dev-moves.jsonl, with a note of what a turn does that no move covers). This prints
 * (1) the turn reader against those labels, and (2) the dev scripts played twice through the cards, once with the
 * moves the reader reads and once with the labelled moves: the second is what the cards give when reading is right,
 * so the gap between the two is the reader's share of the misses and the rest the cards' and the guide's.
 * A tuning tool on the dev scripts only: the blind scripts are never labelled.
 */
const deps = await realAppDeps();
const service = deps.roleplay;
const settings = readRoleplaySettings();
const scripts = loadScripts(new URL("scripts/dev.jsonl", import.meta.url).pathname);
const labelled = loadTurns("evals/roleplay/scripts/dev-moves.jsonl");
const byId = new Map(labelled.map((turn) => [turn.id, turn]));

const read = labelled.map((turn) => service.readTurn(turn.text, turn.mode as Mode).map((move) => move.move as string));
const scores = scoreMoves(labelled, read);
const round = (value: number) => value.toFixed(3);
console.log(
  `reader against the labelled dev script turns (${scores.turns}): macro-F1 ${round(scores.macroF1)}, exact ${round(scores.exact)}, precision ${round(scores.precision)}, recall ${round(scores.recall)}`,
);

for (const source of ["read", "labelled"] as const) {
  let turns = 0;
  let right = 0;
  let asked = 0;
  let answered = 0;
  let whole = 0;
  for (const script of scripts) {
    const persona = service.personas.find((candidate) => candidate.id === script.persona);
    if (!persona) throw new Error(`no persona ${script.persona}`);
    let state = startState(persona, 1);
    let before = disposition(state.vars);
    let allRight = true;
    script.turns.forEach((turn, index) => {
      const labels = byId.get(`${script.id}-t${index + 1}`);
      if (!labels) throw new Error(`${script.id} turn ${index + 1} is not labelled`);
      // The call is always the product's reading of the turn: only the moves change between the two plays.
      const reading = service.understandTurn(turn.text, persona.mode);
      const moves: ReadMove[] = source === "read" ? reading.moves : (labels.moves as ReadMove[]);
      turns++;
      let got = "ended";
      let kind: string | undefined;
      if (!state.ended) {
        const outcome = takeTurn(persona, state, moves, script.lang, toSimplified, settings, {}, reading.call);
        const after = disposition(outcome.state.vars);
        got = direction(before, after);
        before = after;
        state = outcome.state;
        kind = outcome.replyKind;
      }
      if (got === turn.direction) right++;
      else allRight = false;
      if (turn.reply !== "any") {
        asked++;
        if (kind === turn.reply) answered++;
      }
    });
    if (allRight) whole++;
  }
  console.log(
    `dev scripts with the ${source === "read" ? "reader's moves" : "labelled moves"}: turns moving the right way ${round(right / turns)}, whole scripts ${round(whole / scripts.length)}, answered in kind ${round(answered / asked)}`,
  );
}
