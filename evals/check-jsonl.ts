import { readFileSync } from "node:fs";
import type { z } from "zod";

/**
 * Checks a data set line by line, as a writer runs a checker after each batch: each line must be JSON, match
 * `schema`, carry an id not seen before, and pass `problems`. Prints one line per problem (`file:line: …`) and
 * returns the records that parsed and the number of problems.
 */
export function checkJsonl<T extends z.ZodType<{ id: string }>>(
  file: string,
  schema: T,
  problems: (record: z.infer<T>) => string[],
): { records: Array<z.infer<T>>; bad: number } {
  const records: Array<z.infer<T>> = [];
  const ids = new Set<string>();
  let bad = 0;
  const report = (where: string, message: string) => {
    console.log(`${where}: ${message}`);
    bad++;
  };
  readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        report(where, "not JSON");
        return;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        report(where, `${issue?.path.join(".")}: ${issue?.message}`);
        return;
      }
      const record = parsed.data as z.infer<T>;
      if (ids.has(record.id)) report(where, `duplicate id ${record.id}`);
      ids.add(record.id);
      for (const problem of problems(record)) report(`${where} (${record.id})`, problem);
      records.push(record);
    });
  return { records, bad };
}
