import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors.js";

/** How much of an oversized body is read and thrown away so that its sender reads our 413 instead of a reset. */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Refuses bodies over `maxBytes` with 413 in the error format, and reads (and discards) the rest of the body first,
 * up to DRAIN_LIMIT_BYTES: a server that answers while the client is still sending and then closes the socket makes
 * the client see a connection reset ("other side closed", EPIPE) instead of the answer. A body past the drain bound
 * is answered with `Connection: close`. Bodies within the limit are buffered and handed on unchanged.
 */
export function gracefulBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (context, next) => {
    const body = context.req.raw.body;
    if (!body) return next();
    const declared = Number.parseInt(context.req.header("content-length") ?? "", 10);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > maxBytes;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) over = true;
      if (!over) chunks.push(value);
      if (size > DRAIN_LIMIT_BYTES) {
        await reader.cancel().catch(() => {});
        context.header("Connection", "close");
        break;
      }
    }
    if (over) throw new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
    const buffered = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      buffered.set(chunk, offset);
      offset += chunk.byteLength;
    }
    context.req.raw = new Request(context.req.raw, { body: buffered });
    return next();
  };
}
