import type { Drill, FabeFeedback } from "./feedback-data.js";
import type { FabeResult } from "./score-pitch.js";

/** A drill as terminal text. */
export function formatDrill(drill: Drill, productName: string): string {
  return [`[${drill.id}] ${productName} · ${drill.customer}`, drill.situation, drill.prompt].join("\n");
}

/**
 * A scored pitch as terminal text: each sentence with its label, then score, gaps, violations and feedback.
 * The words come from prompts/fabe-feedback.json `terminal`, beside the rest of the feedback's wording.
 */
export function formatFabeText(result: FabeResult, terminal: FabeFeedback["terminal"]): string {
  const lang = result.lang;
  const words = {
    score: terminal.score[lang],
    missing: terminal.missing[lang],
    none: terminal.none[lang],
    violations: terminal.violations[lang],
    feedback: terminal.feedback[lang],
    rewrite: terminal.rewrite[lang],
  };
  const lines = result.sentences.map(
    (sentence) =>
      `  [${sentence.label.padEnd(5)}] ${sentence.text}${sentence.cues.length ? `   (${sentence.cues.join(", ")})` : ""}`,
  );
  lines.push("", `${words.score}: ${result.score}/100    ${words.missing}: ${result.missing.join(" ") || words.none}`);
  if (result.violations.length) {
    lines.push("", `${words.violations}:`);
    for (const violation of result.violations)
      lines.push(
        `  - ${violation.rule}: 「${violation.quote}」 ${violation.advice}`,
        `    「${violation.principle}」 [${violation.citations.join(", ")}]`,
      );
  }
  lines.push(
    "",
    `${words.feedback}:`,
    ...result.feedback.map((line) => `  - ${line.text} [${line.citations.join(", ")}]`),
  );
  lines.push("", `${words.rewrite}:`, `  ${result.rewrite}`);
  return lines.join("\n");
}
