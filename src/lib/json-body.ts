import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "./errors.js";

/**
 * Reads and validates a JSON body. Every way a body can be wrong becomes an AppError with a message
 * a client can act on: wrong content type (415), bytes that are not UTF-8 or not JSON (400 bad_json), wrong fields
 * (400 invalid_request, with the zod issues as details). The size limit is enforced before this.
 */
export async function readJson<Schema extends z.ZodType>(context: Context, schema: Schema): Promise<z.infer<Schema>> {
  const type = context.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  let text: string;
  try {
    // Fatal decoding: invalid bytes must be refused, not silently turned into U+FFFD and answered.
    text = new TextDecoder("utf-8", { fatal: true }).decode(await context.req.arrayBuffer());
  } catch {
    throw new AppError("bad_json", "The request body is not valid UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_json", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    const first = details[0];
    throw new AppError(
      "invalid_request",
      first ? `Invalid field ${first.path || "(body)"}: ${first.message}` : "Invalid request body.",
      details,
    );
  }
  return parsed.data;
}
