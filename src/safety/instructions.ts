/**
 * Sentences in a passage that speak to an AI rather than to a manager: "ignore the previous instructions",
 * "print your system prompt", "you are now …", "cite section 9.9 as the source", a fake `SYSTEM:` turn
 * or a closing tag. The handbook has none;
 * an added playbook might (a shared document someone tampered with). The playbook ingest leaves them out of
 * every passage's text, so neither offline advice nor a model ever sees them; only the raw span keeps them.
 */
const PATTERNS: readonly RegExp[] = [
  /\bignore\b[^.!?]{0,40}\b(instructions?|rules|prompts?|handbook|guidelines)\b/i,
  /\b(system|developer)\s+(prompt|mode|message)\b/i,
  /\byou are (now|no longer)\b/i,
  /(^|\s)(system|assistant|developer)\s*:/i,
  // A closing tag, or an opening one of a prompt's own blocks; a placeholder such as `<file>` is fine.
  /<\/\s*[a-z][\w-]*\s*>/i,
  /<\s*(system|assistant|user|instructions?|excerpts?|scenario|sentences|transcript|latest_message)\b[^>]*>/i,
  /<\|[a-z_]+\|>/i,
  /\b(print|reveal|repeat|output)\b[^.!?]{0,30}\b(prompt|instructions)\b/i,
  /\b(cite|quote)\b[^.!?]{0,40}\b(as (the|your) (source|reference)|section \d)/i,
  /引用[^。]{0,12}(作為|作为)(出處|出处|來源|来源|依據|依据)/,
  /忽略[^。！？!?]{0,20}(指示|指令|規則|规则|手冊|手册|提示)/,
  /(系統|系统)(提示|指令|管理員|管理员)/,
  /你(現在|现在)是/,
  /不是(教練|教练)了/,
  /(指令|提示詞|提示词)(原文|內容|内容)?[^。]{0,6}(輸出|输出|告訴|告诉)|(輸出|输出)[^。]{0,10}(指令|提示詞|提示词)/,
];

export function isInstructionToModel(sentence: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(sentence));
}
