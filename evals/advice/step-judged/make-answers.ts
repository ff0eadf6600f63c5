import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createApp } from "../../../src/app.js";
import type { Advice } from "../../../src/coach/advice/types.js";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { loadSet } from "../quality.js";

/**
 * `npx tsx evals/advice/step-judged/make-answers.ts --ids ab01-0002,ab01-0006 --out /tmp/j30`: the offline answers
 * of the product as it is to the named blind scenarios, as `answers.json` (kept beside the judgments) and
 * `answers.md` (what the judge reads: each scenario, the summary and every step with the passage it cites).
 */
const { values } = parseArgs({ options: { ids: { type: "string" }, out: { type: "string" } } });
if (!values.ids || !values.out) throw new Error("usage: --ids <id,id,…> --out <folder>");
const wanted = values.ids.split(",");
const scenarios = loadSet("blind").filter((scenario) => wanted.includes(scenario.id));
const app = createApp(await realAppDeps());
const answers = [];
const lines: string[] = [];
for (const id of wanted) {
  const scenario = scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`no blind scenario ${id}`);
  const response = await app.request("/api/advice", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: scenario.scenario }),
  });
  const advice = (await response.json()) as Advice;
  const steps = advice.steps.map((step) => ({ text: step.text, citations: step.citations }));
  answers.push({
    id,
    lang: scenario.lang,
    scenario: scenario.scenario,
    abstained: advice.abstained,
    summary: advice.summary,
    steps,
  });
  lines.push(`## ${id} (${scenario.lang})`, "", `Scenario: ${scenario.scenario}`, "", `Summary: ${advice.summary}`, "");
  for (const [index, step] of steps.entries())
    lines.push(`Step ${index + 1} [${step.citations.join(", ")}]: ${step.text}`, "");
}
writeFileSync(`${values.out}/answers.json`, `${JSON.stringify(answers, null, 1)}\n`);
writeFileSync(`${values.out}/answers.md`, lines.join("\n"));
console.log(`wrote ${answers.length} answers to ${values.out}`);
