import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CliError, describeError } from "./cli-error.js";

describe("describeError", () => {
  it("shows an expected failure's message alone, even when debugging", () => {
    expect(describeError(new CliError("no pitch given"), true)).toBe("no pitch given");
  });

  it("words a file-system error as path and reason", async () => {
    const error = await readFile("/nonexistent/coach.md").catch((caught: unknown) => caught);
    expect(describeError(error, false)).toBe("/nonexistent/coach.md: no such file or directory");
  });

  it("words data that fails its schema as one line of fields and problems", () => {
    const parsed = z.object({ id: z.string(), files: z.object({}) }).safeParse({ files: 1 });
    expect(describeError(parsed.error, false)).toBe(
      "invalid data: id: Invalid input: expected string, received undefined; files: Invalid input: expected object, received number",
    );
  });

  it("adds the stack of an unexpected failure only when debugging", () => {
    const error = new TypeError("cannot read properties of undefined");
    expect(describeError(error, false)).toBe("cannot read properties of undefined");
    expect(describeError(error, true)).toMatch(/^cannot read properties of undefined\nTypeError: .*\n\s+at /);
  });
});
