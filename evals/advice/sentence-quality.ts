import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createApp } from "../../src/app.js";
import type { Advice } from "../../src/coach/advice/types.js";
import { realAppDeps } from "../../test/support/app-deps.js";
import { readJsonl } from "../cases.js";
import { loadJudgments, loadSet } from "./quality.js";

/**
 * `npx tsx evals/advice/sentence-quality.ts`: which sentence of a passage advice quotes. For tuning scenarios, judges
 * who never saw the code were shown the passages another judge had found worth quoting, sentence by sentence, and
 * chose the sentences they would want as steps (`best`) and those acceptable as further steps (`ok`)
 * (evals/advice/sentence-judge-instructions.md, evals/advice/sentence-judgments/). Each offline answer's steps that
 * quote one of those passages are counted: best, ok, or not wanted.
 */
const here = fileURLToPath(new URL(".", import.meta.url));

const SentenceJudgmentSchema = z.object({
  id: z.string(),
  judge: z.string(),
  best: z.array(z.string()),
  ok: z.array(z.string()),
});

interface Tally {
  steps: number;
  best: number;
  ok: number;
  firstBest: number;
  answers: number;
}

function loadSentenceJudgments() {
  const dir = join(here, "sentence-judgments");
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith(".jsonl")) : [];
  return new Map(
    files
      .sort()
      .flatMap((file) =>
        readJsonl(join(dir, file), SentenceJudgmentSchema).map((judgment) => [judgment.id, judgment] as const),
      ),
  );
}

async function main(): Promise<void> {
  const judgments = loadSentenceJudgments();
  const scenarios = loadSet("writers").filter((scenario) => judgments.has(scenario.id));
  const deps = await realAppDeps();
  const app = createApp(deps);
  const sentences = deps.corpus.corpus.sentences;
  const passageJudgments = loadJudgments();
  const tallies = new Map<string, Tally>();
  const tally = (key: string): Tally => {
    const known = tallies.get(key);
    if (known) return known;
    const fresh = { steps: 0, best: 0, ok: 0, firstBest: 0, answers: 0 };
    tallies.set(key, fresh);
    return fresh;
  };

  for (const scenario of scenarios) {
    const judgment = judgments.get(scenario.id);
    if (!judgment) continue;
    // The passages the sentence judge was shown: the first four useful and two partial of the passage judgment.
    const shown = passageJudgments.get(scenario.id);
    const judgedPassages = new Set(
      [...(shown?.useful ?? [])].slice(0, 4).concat([...(shown?.partial ?? [])].slice(0, 2)),
    );
    const response = await app.request("/api/advice", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: scenario.scenario }),
    });
    const advice = (await response.json()) as Advice;
    if (advice.abstained) continue;
    let first = true;
    for (const step of advice.steps) {
      const passage = step.citations[0] ?? "";
      const index = (sentences[passage] ?? []).findIndex((sentence) => sentence.text === step.quote);
      const id = `${passage}#${index}`;
      if (!judgedPassages.has(passage)) continue;
      for (const key of ["all", scenario.lang, scenario.writer]) {
        const t = tally(key);
        t.steps++;
        if (judgment.best.includes(id)) t.best++;
        else if (judgment.ok.includes(id)) t.ok++;
        if (first) {
          t.answers++;
          if (judgment.best.includes(id)) t.firstBest++;
        }
      }
      first = false;
    }
  }
  console.log("| set | steps quoting a judged passage | best | best or ok | not wanted | first such step best |");
  console.log("|---|---|---|---|---|---|");
  for (const [key, t] of tallies) {
    const share = (n: number, of: number) => (of ? (n / of).toFixed(3) : "-");
    console.log(
      `| ${key} | ${t.steps} | ${share(t.best, t.steps)} | ${share(t.best + t.ok, t.steps)} | ${share(t.steps - t.best - t.ok, t.steps)} | ${share(t.firstBest, t.answers)} |`,
    );
  }
}

await main();
