import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { prepareBody } from "./build.js";
import { parseOutline } from "./outline.js";
import { applyRepairs, keyOf, parseRepairs, type Repair } from "./repairs.js";
import { SourceProfileSchema } from "./source-profile.js";
import { TrackedText } from "./tracked-text.js";

const corpusDir = fileURLToPath(new URL("../../corpus", import.meta.url));
const read = (name: string) => readFileSync(`${corpusDir}/${name}`, "utf8");
const profile = SourceProfileSchema.parse(JSON.parse(read("handbook.source.json")));
const outline = parseOutline(read("handbook.outline.tsv"));
const repairs = parseRepairs(read("repairs.tsv"));
const { body } = prepareBody(read("handbook.seed.txt"), profile, outline[0]?.heading ?? "");
const counts = new Map<string, number>();
const repaired = applyRepairs(body, repairs, counts);

/** Where each source offset landed in the repaired text (first clean character that came from it). */
const landing = new Map<number, number>();
for (let i = repaired.length - 1; i >= 0; i--) landing.set(repaired.sourceStart(i), i);

function occurrences(text: string, word: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) found.push(index);
  return found;
}

function insideGuard(repair: Repair, index: number): boolean {
  for (const match of body.text.matchAll(repair.guard as RegExp)) {
    if (index >= match.index && index + repair.spun.length <= match.index + match[0].length) return true;
  }
  return false;
}

/** What the pipeline made of the occurrence at body index `index`: repaired, kept, or taken by a longer form. */
function outcome(repair: Repair, index: number): "repaired" | "kept" | "other" {
  const at = landing.get(body.sourceStart(index));
  if (at === undefined) return "other";
  if (
    repaired.text.startsWith(repair.original, at) &&
    repaired.sourceEnd(at + repair.original.length) === body.sourceEnd(index + repair.spun.length)
  ) {
    return "repaired";
  }
  if (repaired.text.startsWith(repair.spun, at)) return "kept";
  return "other";
}

describe("repairs.tsv", () => {
  it("is a reviewed table of at least 50 entries, each with a note", () => {
    expect(repairs.length).toBeGreaterThanOrEqual(50);
    for (const repair of repairs) {
      expect(repair.note.trim(), repair.spun).not.toBe("");
      expect(repair.original, repair.spun).not.toBe(repair.spun);
    }
  });

  it("has no entry that never applies to the handbook", () => {
    const unused = repairs.filter((repair) => !counts.get(keyOf(repair))).map((repair) => repair.spun);
    expect(unused).toEqual([]);
  });

  it("repairs every occurrence of an unguarded form", () => {
    for (const repair of repairs.filter((entry) => !entry.guard)) {
      for (const index of occurrences(body.text, repair.spun)) {
        expect(outcome(repair, index), `${repair.spun} at ${body.sourceStart(index)}`).not.toBe("kept");
      }
    }
  });

  it("repairs a guarded form where its guard matches and leaves it alone where it does not", () => {
    const guarded = repairs.filter((entry) => entry.guard);
    expect(guarded.length).toBeGreaterThan(0);
    for (const repair of guarded) {
      let repairedInside = 0;
      let keptOutside = 0;
      for (const index of occurrences(body.text, repair.spun)) {
        const result = outcome(repair, index);
        if (result === "other") continue; // taken by a longer form, or by another entry for the same word
        if (insideGuard(repair, index)) {
          expect(result, `${repair.spun} inside its guard at ${body.sourceStart(index)}`).toBe("repaired");
          repairedInside++;
        } else {
          // Another guarded entry may repair the same word differently (方法 → 想法 / 辦法); it must not be this one.
          if (result === "repaired")
            throw new Error(`${repair.spun} repaired outside its guard at ${body.sourceStart(index)}`);
          keptOutside++;
        }
      }
      expect(repairedInside, `${repair.spun}: guard never matches`).toBeGreaterThan(0);
      const legitimate = occurrences(body.text, repair.spun).filter((index) => !insideGuard(repair, index));
      expect(
        legitimate.length + keptOutside,
        `${repair.spun}: a guard with nothing to leave alone should be no guard`,
      ).toBeGreaterThan(0);
    }
  });

  it("never repairs its own output (one pass, longest form first)", () => {
    const table = parseRepairs(
      "spun\toriginal\tguard\tnote\n確實是\t就是\t\tt\n就是\t確實是\t\tt\n如何\t怎麼\t\tt\n如何樣\t怎麼樣\t\tt\n",
    );
    const text = applyRepairs(TrackedText.fromSource("這確實是如何樣做的,如何做"), table);
    expect(text.text).toBe("這就是怎麼樣做的,怎麼做");
  });

  it("respects a guard on a synthetic sentence", () => {
    const table = parseRepairs("spun\toriginal\tguard\tnote\n講\t說\t(?<!演)講(?!笑話)\tt\n");
    expect(applyRepairs(TrackedText.fromSource("他講了演講,也講笑話"), table).text).toBe("他說了演講,也講笑話");
  });
});
