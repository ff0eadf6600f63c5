import { getEncoding } from "js-tiktoken";
import { loadRecordings } from "../evals/llm/recordings.js";

/**
 * Prompt tokens of every recorded model request (evals/fixtures/llm/requests.jsonl: the exact requests the product
 * sends for 40 scenarios, 30 pitches, 20 role-play turns and 12 follow-ups), by capability, counted with o200k_base
 * (the GPT-4o family's encoding) plus the chat format's few tokens per message. Other models' tokenizers differ by
 * a few per cent on Chinese; the budget is about the product's prompts, not one provider's bill.
 */
export function promptTokens(): Record<string, number[]> {
  const encoding = getEncoding("o200k_base");
  const counts: Record<string, number[]> = {};
  for (const recording of loadRecordings()) {
    const tokens = recording.messages.reduce((sum, message) => sum + 4 + encoding.encode(message.content).length, 3);
    const list = counts[recording.capability] ?? [];
    list.push(tokens);
    counts[recording.capability] = list;
  }
  return counts;
}
