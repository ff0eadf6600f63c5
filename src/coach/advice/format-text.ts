import type { Advice, AdviceLine } from "./types.js";

const HEADINGS = {
  "zh-Hant": { steps: "建議步驟", talk: "談話要點", watch: "之後觀察", sources: "出處", fallback: "改用離線建議" },
  "zh-Hans": { steps: "建议步骤", talk: "谈话要点", watch: "之后观察", sources: "出处", fallback: "改用离线建议" },
  en: { steps: "Steps", talk: "Talk track", watch: "Watch", sources: "Sources", fallback: "offline fallback" },
} as const;

/** Advice as terminal text: summary, numbered steps with their citations, talk track, watch list, sources. */
export function formatAdviceText(advice: Advice): string {
  const words = HEADINGS[advice.lang];
  const lines: string[] = [advice.summary];
  if (advice.fallback) lines.push(`(${words.fallback}: ${advice.fallback})`);
  const section = (title: string, items: AdviceLine[], numbered: boolean) => {
    if (items.length === 0) return;
    lines.push("", title);
    items.forEach((item, index) => {
      lines.push(`${numbered ? `${String(index + 1).padStart(2)}.` : " -"} ${item.text}${item.citations.length ? `  [${item.citations.join(", ")}]` : ""}`);
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
