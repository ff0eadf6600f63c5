import type { Drill } from "./feedback-data.js";
import type { FabeResult } from "./score-pitch.js";

const WORDS = {
  "zh-Hant": { score: "分數", missing: "缺少", none: "無", violations: "違反原則", feedback: "回饋", rewrite: "改寫建議" },
  "zh-Hans": { score: "分数", missing: "缺少", none: "无", violations: "违反原则", feedback: "反馈", rewrite: "改写建议" },
  en: { score: "Score", missing: "Missing", none: "none", violations: "Principles broken", feedback: "Feedback", rewrite: "Suggested rewrite" },
} as const;

/** A drill as terminal text. */
export function formatDrill(drill: Drill, productName: string): string {
  return [`[${drill.id}] ${productName} · ${drill.customer}`, drill.situation, drill.prompt].join("\n");
}

/** A scored pitch as terminal text: each sentence with its label, then score, gaps, violations and feedback. */
export function formatFabeText(result: FabeResult): string {
  const words = WORDS[result.lang];
  const lines = result.sentences.map((sentence) => `  [${sentence.label.padEnd(5)}] ${sentence.text}${sentence.cues.length ? `   (${sentence.cues.join(", ")})` : ""}`);
  lines.push("", `${words.score}: ${result.score}/100    ${words.missing}: ${result.missing.join(" ") || words.none}`);
  if (result.violations.length) {
    lines.push("", `${words.violations}:`);
    for (const violation of result.violations) lines.push(`  - ${violation.rule}: 「${violation.quote}」 ${violation.advice} [${violation.citations.join(", ")}]`);
  }
  lines.push("", `${words.feedback}:`, ...result.feedback.map((line) => `  - ${line.text} [${line.citations.join(", ")}]`));
  lines.push("", `${words.rewrite}:`, `  ${result.rewrite}`);
  return lines.join("\n");
}
