/**
 * Wraps untrusted text (what a user typed, a transcript) in a tag for the user role of a model request.
 * Any tag-like sequence inside the text is defanged (`</transcript>` → `‹/transcript›`), so the text cannot
 * close its block and pose as instructions or as another block; the characters stay readable.
 */
export function delimited(tag: string, text: string): string {
  return `<${tag}>\n${defang(text)}\n</${tag}>`;
}

export function defang(text: string): string {
  return text.replace(/<(\/?)\s*([A-Za-z][\w-]*)\s*>/g, "‹$1$2›");
}
