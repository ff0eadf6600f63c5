import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** Reads several UTF-8 files of one folder, in order (Node only: the entries and tools call it). */
export async function readAll<const Names extends readonly string[]>(
  folder: string,
  names: Names,
): Promise<{ -readonly [K in keyof Names]: string }> {
  return Promise.all(names.map((name) => readFile(join(folder, name), "utf8"))) as Promise<{
    -readonly [K in keyof Names]: string;
  }>;
}
