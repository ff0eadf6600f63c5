import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { effectsTable, withTable } from "./roleplay/effects-table.js";

// The formatter pads markdown tables; the words and numbers are what must match.
const squeeze = (text: string) => text.replace(/-{3,}/g, "---").replace(/[ \t]+/g, " ");

describe("docs/roleplay.md", () => {
  it("holds the table of reactions the persona cards give today", async () => {
    const doc = readFileSync(new URL("../docs/roleplay.md", import.meta.url), "utf8");
    expect(squeeze(doc)).toBe(squeeze(withTable(doc, await effectsTable())));
  });
});
