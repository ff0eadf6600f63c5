import { describe, expect, it } from "vitest";
import { parseJsonAnswer } from "./json-answer.js";

describe("the JSON object in a model's answer", () => {
  it("reads it bare, fenced, after reasoning, or inside prose", () => {
    expect(parseJsonAnswer('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonAnswer('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(parseJsonAnswer('<think>The user wants {x}. Let me see.</think>\n{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonAnswer('Here is the advice:\n{"a": "a } in a string", "b": [1]}\nHope it helps!')).toEqual({
      a: "a } in a string",
      b: [1],
    });
  });

  it("gives nothing for an answer cut off before its object closes", () => {
    expect(parseJsonAnswer('{"summary": "先肯定他的貢獻", "steps": [{"text": "')).toBeUndefined();
    expect(parseJsonAnswer("I cannot help with that.")).toBeUndefined();
  });
});
