import { describe, expect, it } from "vitest";
import { replay } from "./replay.js";

/**
 * The answers a real chat model gave to the product's own requests (evals/fixtures/llm/), replayed through the local
 * OpenAI-compatible server and the product's routes; `npm run eval -- --llm-replay` reports every figure.
 */
describe("llm mode on recorded answers of a real chat model", () => {
  it("keeps the answers, and every quote it keeps is the handbook's exact words", async () => {
    const counts = await replay("recorded");
    expect(counts.answered).toBeGreaterThanOrEqual(100);
    expect(counts.parsed / counts.answered).toBeGreaterThanOrEqual(0.95);
    expect(counts.acceptedQuotes / counts.modelQuotes).toBeGreaterThanOrEqual(0.95);
    expect(counts.inexactQuotes).toBe(0);
    expect(counts.languageRight / counts.languageChecked).toBeGreaterThanOrEqual(0.98);
  }, 120_000);

  it("keeps quotes written with full-width punctuation in Simplified, and none that were invented", async () => {
    const folded = await replay("fullwidth-simplified");
    expect((folded.modelQuotes - folded.acceptedQuotes) / folded.modelQuotes).toBeLessThanOrEqual(0.05);
    expect(folded.normalisedQuotes).toBeGreaterThan(folded.acceptedQuotes / 2);
    expect(folded.inexactQuotes).toBe(0);
    const invented = await replay("invented-quotes");
    expect(invented.modelQuotes).toBeGreaterThan(100);
    expect(invented.acceptedQuotes).toBe(0);
  }, 120_000);
});
