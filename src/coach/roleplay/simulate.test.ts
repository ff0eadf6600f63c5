import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toSimplified } from "../../lib/script.js";
import { type Persona, PersonaSchema } from "./persona.js";
import type { ReadMove } from "./read-turn.js";
import { RoleplaySettingsSchema } from "./roleplay-settings.js";
import { type Call, startState, takeTurn } from "./simulate.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../prompts/${path}`, import.meta.url), "utf8"));
const settings = RoleplaySettingsSchema.parse(read("roleplay-settings.json"));
const card = (id: string): Persona => PersonaSchema.parse(read(`personas/${id}.json`));
const moves = (...names: string[]): ReadMove[] => names.map((move) => ({ move, quote: move }) as ReadMove);

/** Plays the moves turn by turn from the card's start and returns each turn's change of one meter. */
function play(persona: Persona, meter: string, turns: string[][]): number[] {
  let state = startState(persona, 1);
  return turns.map((turn) => {
    const before = state.vars[meter] ?? 0;
    state = takeTurn(persona, state, moves(...turn), "zh-Hant", toSimplified, settings).state;
    return (state.vars[meter] ?? 0) - before;
  });
}

describe("reactions that depend on what came before", () => {
  it("an excitable new hire is fired up by a hurdle only after a knock to his self-image", () => {
    const persona = card("excitable-new-hire");
    const [alone] = play(persona, "drive", [["set-target"]]);
    const [, afterKnock] = play(persona, "drive", [["handbook-criticism"], ["set-target"]]);
    expect(afterKnock).toBeGreaterThan(alone as number);
  });

  it("an opinionated new hire trusts the manager's help only after he was let go", () => {
    const persona = card("opinionated-new-hire");
    const [early] = play(persona, "trust", [["help-up"]]);
    const [, afterLetGo] = play(persona, "trust", [["let-go"], ["help-up"]]);
    expect(afterLetGo).toBeGreaterThan(early as number);
  });

  it("keeps counting a scolding below the gauge, and a kind word then has further to climb", () => {
    const persona = card("passive-veteran");
    const drops = play(persona, "trust", [["harsh-criticism"], ["harsh-criticism"], ["harsh-criticism"]]);
    // Trust starts at 4: the second scolding takes it below 0 and the third still counts, down to meters.min.
    expect(drops).toEqual([-3, -3, Math.max(settings.meters.min, 4 - 9) - (4 - 6)]);
    expect(drops[2]).toBeLessThan(0);
  });

  it("does not end a practice talk before its fifth turn, however it goes", () => {
    const persona = card("passive-veteran");
    let state = startState(persona, 1);
    for (let turn = 1; turn < settings.endFromTurn; turn++) {
      state = takeTurn(persona, state, moves("harsh-criticism", "threat"), "en", toSimplified, settings).state;
      expect(state.ended).toBeNull();
    }
    state = takeTurn(persona, state, moves("harsh-criticism", "threat"), "en", toSimplified, settings).state;
    expect(state.ended).toBe("breakdown");
  });
});

describe("replies that answer what was said", () => {
  const persona = card("passive-veteran");
  const withMeters = (value: number) => {
    const state = startState(persona, 3);
    return { ...state, vars: Object.fromEntries(Object.keys(state.vars).map((meter) => [meter, value])) };
  };
  const kindOf = (value: number, ...names: string[]) =>
    takeTurn(persona, withMeters(value), moves(...names), "en", toSimplified, settings).replyKind;
  const called = (value: number, call: Call, ...names: string[]) =>
    takeTurn(persona, withMeters(value), moves(...names), "en", toSimplified, settings, {}, call);

  it("answers a question with a line that answers it", () => {
    expect(kindOf(5, "open-question")).toBe("answer");
    // The question is answered even when another move of the turn moved the meters more.
    expect(kindOf(5, "praise", "open-question")).toBe("answer");
  });

  it("takes up an offer the turn's moves lift the meters with, counters one they lower, and else goes by the mood", () => {
    expect(settings.call.acceptBy).toBe("turn");
    // Giving a veteran responsibility lifts his willingness: taken up even when he starts low.
    expect(kindOf(0, "give-responsibility")).toBe("accept");
    // A bare order lowers it: countered even when he starts high.
    expect(kindOf(8, "command")).toBe("counter");
    // A target moves neither meter of this card: the mood decides.
    expect(kindOf(8, "set-target")).toBe("accept");
    expect(kindOf(0, "set-target")).toBe("counter");
    // By the mood alone, the same order is taken up by a well-disposed veteran.
    const byMood = { ...settings, call: { ...settings.call, acceptBy: "mood" as const } };
    expect(takeTurn(persona, withMeters(8), moves("command"), "en", toSimplified, byMood).replyKind).toBe("accept");
  });

  it("answers what the turn calls for when no move of it has a line of that kind", () => {
    // Put something to him that no move was read in: the card's proposal lines, taken up or countered by the mood.
    const proposal = called(8, "decide");
    expect(proposal.situation).toBe("proposal");
    expect(proposal.replyKind).toBe("accept");
    expect(called(0, "decide").replyKind).toBe("counter");
    // Praise has no line that takes anything up: the proposal made with it is answered instead.
    const withPraise = called(5, "decide", "praise");
    expect(withPraise.situation).toBe("proposal");
    expect(withPraise.replyKind).toBe("accept");
    // A question no question move was read in gets one of the card's answers.
    const asked = called(5, "answer");
    expect(asked.situation).toBe(settings.call.answerWith[0]);
    expect(asked.replyKind).toBe("answer");
    // An offer move read keeps its own lines; nothing called for leaves the reply to the moves.
    expect(called(0, "decide", "give-responsibility").situation).toBe("give-responsibility");
    expect(called(5, "none", "open-question").replyKind).toBe("answer");
  });

  it("repeats the user's own time or number when the card has a line for it, and never shows an empty slot", () => {
    const customer = card("debtor-owner");
    const proposed = takeTurn(
      customer,
      startState(customer, 2),
      moves("propose-time"),
      "zh-Hant",
      toSimplified,
      settings,
      {
        time: "週四下午兩點",
      },
    );
    expect(proposed.reply).toContain("週四下午兩點");
    const manager = card("excitable-new-hire");
    const target = takeTurn(manager, startState(manager, 2), moves("set-target"), "en", toSimplified, settings, {
      number: "two signed quotes",
    });
    expect(target.reply.toLowerCase()).toContain("two signed quotes");
    for (let seed = 0; seed < 12; seed++) {
      const plain = takeTurn(customer, startState(customer, seed), moves("propose-time"), "en", toSimplified, settings);
      expect(plain.reply).not.toMatch(/\{(time|number)\}/);
    }
  });
});
