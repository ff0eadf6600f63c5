import { existsSync, readdirSync, readFileSync } from "node:fs";

/** A recorded request (evals/fixtures/llm/requests.jsonl) and a real chat model's answer to it. */
export interface Recording {
  key: string;
  capability: "advice" | "fabe" | "roleplay" | "chat";
  id: string;
  lang: string;
  messages: Array<{ role: string; content: string }>;
  answer?: { model: string; date: string; content: string };
}

const folder = new URL("../fixtures/llm/", import.meta.url);

function lines<T>(url: URL): T[] {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

/**
 * The two recordings: `answers/`, by sessions that had a shell and checked their quotes before answering, and
 * `answers-unchecked/`, by the same model answering in one pass with no tool, as through an API.
 */
export type AnswerSet = "answers" | "answers-unchecked";

/** Every recorded request, with its answer in `set` where one was recorded (by request key). */
export function loadRecordings(set: AnswerSet = "answers"): Recording[] {
  const answers = new Map<string, Recording["answer"]>();
  const answerFolder = new URL(`${set}/`, folder);
  const names = existsSync(answerFolder) ? readdirSync(answerFolder) : [];
  for (const name of names.filter((file) => file.endsWith(".jsonl")).sort())
    for (const answer of lines<{ key: string; model: string; date: string; content: string }>(
      new URL(name, answerFolder),
    ))
      answers.set(answer.key, { model: answer.model, date: answer.date, content: answer.content });
  return lines<Recording>(new URL("requests.jsonl", folder)).map((request) => {
    const answer = answers.get(request.key);
    return { ...request, ...(answer ? { answer } : {}) };
  });
}
