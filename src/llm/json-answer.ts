/**
 * The JSON object in a model's answer, as models answer: bare, in a ```json fence, after reasoning in
 * <think>…</think> (DeepSeek-R1, Qwen's thinking models), or inside prose ("Here is the advice: {…} Hope it helps").
 * The first balanced {…} that parses is the answer; an answer cut before its object closes is no answer (undefined),
 * never a half-read one.
 */
export function parseJsonAnswer(raw: string): unknown {
  const text = withoutReasoning(raw);
  const bare = text.replace(/^```(?:json)?\s*|\s*```$/g, "");
  try {
    return JSON.parse(bare);
  } catch {
    // Not bare JSON: look for an object inside.
  }
  for (let open = text.indexOf("{"); open >= 0; open = text.indexOf("{", open + 1)) {
    const close = closingBrace(text, open);
    if (close < 0) return undefined;
    try {
      return JSON.parse(text.slice(open, close + 1));
    } catch {
      // A brace in prose: try the next one.
    }
  }
  return undefined;
}

/** The index of the brace closing the object opened at `open` (strings and escapes respected), or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let index = open; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "{") depth++;
    else if (character === "}" && --depth === 0) return index;
  }
  return -1;
}

/** A model's answer without the reasoning some models write before it (<think>…</think>, or an unclosed <think>). */
export function withoutReasoning(raw: string): string {
  return raw
    .replace(/<think>[\s\S]*?<\/think>/gi, "")
    .replace(/<think>[\s\S]*$/i, "")
    .trim();
}
