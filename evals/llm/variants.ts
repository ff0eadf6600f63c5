import { parseJsonAnswer } from "../../src/llm/json-answer.js";
import type { Recording } from "./recordings.js";

/** How a recorded answer is changed before it is replayed: the answer as recorded, or one of the variants below. */
export type Variant = "recorded" | "fullwidth-simplified" | "wrong-ids" | "invented-quotes" | "prose" | "truncated";

type Line = { text?: string; citations?: string[]; quote?: string };
type AdviceJson = { summary?: string; steps?: Line[]; talkTrack?: Line[]; watch?: Line[] };

/** Sentences the handbook does not say (each checked absent from every chunk by the replay suite). */
export const INVENTED_QUOTES = [
  "主管應該每天當眾批評表現最差的業務員",
  "業績不好的員工應該馬上扣薪水",
  "新人前三個月不需要任何培訓",
];

const FULLWIDTH: Record<string, string> = {
  ",": "，",
  ":": "：",
  ";": "；",
  "!": "！",
  "?": "？",
  "(": "（",
  ")": "）",
};

function mapLines(json: AdviceJson, change: (line: Line, index: number) => Line): AdviceJson {
  let index = 0;
  const each = (lines?: Line[]) => lines?.map((line) => change(line, index++));
  return { ...json, steps: each(json.steps), talkTrack: each(json.talkTrack), watch: each(json.watch) };
}

/**
 * The recorded answer, changed as `variant` says. Only advice and conversation answers (JSON with citations and
 * quotes) have variants; the others are replayed as recorded. `toSimplified` is the product's converter.
 */
export function varied(recording: Recording, variant: Variant, toSimplified: (text: string) => string): string {
  const content = recording.answer?.content ?? "{}";
  if (variant === "recorded" || (recording.capability !== "advice" && recording.capability !== "chat")) return content;
  if (variant === "prose")
    return `Sure! Here is the coaching advice, based on the handbook excerpts:\n\n${content}\n\nLet me know if you would like a shorter version.`;
  if (variant === "truncated") return content.slice(0, Math.floor(content.length * 0.6));
  const json = parseJsonAnswer(content) as AdviceJson | undefined;
  if (!json || typeof json !== "object") return content;
  if (variant === "fullwidth-simplified")
    return JSON.stringify(
      mapLines(json, (line) =>
        line.quote
          ? { ...line, quote: toSimplified(line.quote).replace(/[,:;!?()]/g, (mark) => FULLWIDTH[mark] ?? mark) }
          : line,
      ),
    );
  if (variant === "wrong-ids")
    return JSON.stringify(
      mapLines(json, (line) => ({ ...line, citations: (line.citations ?? []).map((id) => `${id}-x`) })),
    );
  // invented-quotes: every line quotes something the handbook never says.
  return JSON.stringify(
    mapLines(json, (line, index) => ({ ...line, quote: INVENTED_QUOTES[index % INVENTED_QUOTES.length] as string })),
  );
}
