import { z } from "zod";

/** A required text field of a request: trimmed, not empty, at most `max` characters, with messages that name it. */
export function textField(name: string, max: number) {
  return z
    .string({ message: `${name} must be a string` })
    .trim()
    .min(1, `${name} is empty`)
    .max(max, `${name} is longer than ${max} characters; shorten it`);
}

/** The `lang` field every route accepts: "auto" (detect) or a language and script. */
export const LangField = z.enum(["auto", "zh-Hant", "zh-Hans", "en"]).default("auto");
