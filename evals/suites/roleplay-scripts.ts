import type { RoleplayService } from "../../src/coach/roleplay/roleplay-service.js";
import { readJsonl } from "../cases.js";
import { type Script, ScriptSchema } from "../roleplay/check-scripts.js";
import { info, type Metric, type SuiteResult, target } from "../types.js";

export function loadScripts(file: string): Script[] {
  return readJsonl(file, ScriptSchema);
}

/**
 * The scripted conversations (evals/roleplay/scripts/, written from docs/roleplay-scripts-guide.md by writers who
 * never saw the persona cards): each user turn is played through a fresh session, and the persona's disposition
 * (the sum of its meters) must move the way the handbook says (+, =, −). A script whose session ends early counts
 * its remaining turns as wrong.
 */
export async function scriptsSuite(
  service: RoleplayService,
  sets: ReadonlyArray<{ name: string; scripts: Script[] }>,
): Promise<SuiteResult> {
  const notes: string[] = [];
  const metrics: Metric[] = [];
  for (const set of sets) {
    let turns = 0;
    let right = 0;
    // Turns that ask a question or make a concrete offer, and those whose reply answers that kind.
    let asked = 0;
    let answered = 0;
    let wholeRight = 0;
    const byLang = new Map<string, { turns: number; right: number }>();
    for (const script of set.scripts) {
      const session = await service.create(script.persona, script.lang);
      let before = disposition(session.state);
      let allRight = true;
      const wrong: string[] = [];
      for (const [index, turn] of script.turns.entries()) {
        turns++;
        const lang = byLang.get(script.lang) ?? { turns: 0, right: 0 };
        lang.turns++;
        byLang.set(script.lang, lang);
        let got: string;
        try {
          const outcome = await service.message(session.id, turn.text);
          if (turn.reply !== "any") {
            asked++;
            if (outcome.replyKind === turn.reply) answered++;
          }
          const after = disposition(outcome.state);
          got = direction(before, after);
          before = after;
        } catch {
          got = "ended";
        }
        if (got === turn.direction) {
          right++;
          lang.right++;
        } else {
          allRight = false;
          wrong.push(`turn ${index + 1} ${got}, want ${turn.direction}`);
        }
      }
      if (allRight) wholeRight++;
      else notes.push(`${set.name} ${script.id} (${script.persona}): ${wrong.join("; ")}`);
    }
    const share = (count: number, total: number) => (total ? Math.round((1000 * count) / total) / 1000 : 0);
    metrics.push(info(`${set.name}: scripts`, set.scripts.length));
    metrics.push(target(`${set.name}: turns moving the right way`, share(right, turns), 0.85));
    for (const [lang, counts] of [...byLang].sort())
      metrics.push(target(`${set.name}: turns moving the right way, ${lang}`, share(counts.right, counts.turns), 0.8));
    metrics.push(target(`${set.name}: whole scripts right`, share(wholeRight, set.scripts.length), 0.7));
    metrics.push(target(`${set.name}: questions and offers answered in kind`, share(answered, asked), 0.85));
  }
  return { suite: "scripts", metrics, notes };
}

/** The persona's disposition: the sum of its meters (the public state without `turn` and `ended`). */
export function disposition(state: Record<string, unknown>): number {
  return Object.entries(state)
    .filter(([key, value]) => key !== "turn" && typeof value === "number")
    .reduce((sum, [, value]) => sum + (value as number), 0);
}

/** How the disposition moved from one turn to the next, as the scripts write it: "+", "=" or "-". */
export function direction(before: number, after: number): "+" | "=" | "-" {
  return after > before ? "+" : after < before ? "-" : "=";
}
