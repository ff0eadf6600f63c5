import type { AdviceTemplates } from "./data.js";
import type { Advice, AdviceLine } from "./types.js";

/**
 * Advice as terminal text: summary, numbered steps with their citations, talk track, watch list, sources.
 * The headings come from prompts/advice-offline.json `terminal`, beside the rest of the advice's wording.
 */
export function formatAdviceText(advice: Advice, headings: AdviceTemplates["terminal"]): string {
  const lang = advice.lang;
  const words = {
    steps: headings.steps[lang],
    talk: headings.talk[lang],
    watch: headings.watch[lang],
    sources: headings.sources[lang],
    fallback: headings.fallback[lang],
  };
  const lines: string[] = [advice.summary];
  if (advice.fallback) lines.push(`(${words.fallback}: ${advice.fallback})`);
  const section = (title: string, items: AdviceLine[], numbered: boolean) => {
    if (items.length === 0) return;
    lines.push("", title);
    items.forEach((item, index) => {
      lines.push(
        `${numbered ? `${String(index + 1).padStart(2)}.` : " -"} ${item.text}${item.citations.length ? `  [${item.citations.join(", ")}]` : ""}`,
      );
    });
  };
  section(words.steps, advice.steps, true);
  section(words.talk, advice.talkTrack, false);
  section(words.watch, advice.watch, false);
  if (advice.citations.length) {
    lines.push("", words.sources);
    for (const chunk of advice.citations) lines.push(` [${chunk.id}] ${chunk.path.join(" / ")}`);
  }
  return lines.join("\n");
}
