import { readdirSync, readFileSync } from "node:fs";

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

/** Every recorded request, with its answer where one was recorded (answers/*.jsonl, by request key). */
export function loadRecordings(): Recording[] {
  const answers = new Map<string, Recording["answer"]>();
  const answerFolder = new URL("answers/", folder);
  for (const name of readdirSync(answerFolder)
    .filter((file) => file.endsWith(".jsonl"))
    .sort())
    for (const answer of lines<{ key: string; model: string; date: string; content: string }>(
      new URL(name, answerFolder),
    ))
      answers.set(answer.key, { model: answer.model, date: answer.date, content: answer.content });
  return lines<Recording>(new URL("requests.jsonl", folder)).map((request) => {
    const answer = answers.get(request.key);
    return { ...request, ...(answer ? { answer } : {}) };
  });
}
