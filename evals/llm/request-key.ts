import { createHash } from "node:crypto";

/** A model request's identity: its messages, exactly. The replayer answers a request it has a recording of by it. */
export function requestKey(messages: ReadonlyArray<{ role: string; content: string }>): string {
  const text = JSON.stringify(messages.map((message) => [message.role, message.content]));
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
