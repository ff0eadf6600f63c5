import type { z } from "zod";

/**
 * Validates one data file when the services start. The error names the file and every field at fault, so a
 * bad edit to a prompts/ file stops the start with a message a person can act on rather than a wrong answer later.
 */
export function parseDataFile<Schema extends z.ZodType>(schema: Schema, json: unknown, file: string): z.output<Schema> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(whole file)"}: ${issue.message}`);
  const more = parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : "";
  throw new Error(`${file}: ${problems.join("; ")}${more}`);
}
