import { writeFileSync } from "node:fs";
import { startOpenAIServer } from "../../test/support/openai-server.js";
import { llmCases } from "./cases.js";
import { requestKey } from "./request-key.js";
import { runCases } from "./run-cases.js";

/**
 * `npx tsx evals/llm/capture.ts`: the exact chat request the product sends for each recorded case, written to
 * evals/fixtures/llm/requests.jsonl for a real chat model to answer (evals/fixtures/llm/README.md). The local
 * server answers "{}", so the product falls back and every request is the one a first call makes.
 */
const server = await startOpenAIServer();
server.script({ kind: "json", content: "{}" });
try {
  const { runs } = await runCases(llmCases(), server);
  const lines = runs.flatMap((run) =>
    run.request
      ? [
          JSON.stringify({
            key: requestKey(run.request.messages),
            capability: run.capability,
            id: run.id,
            lang: run.lang,
            json: run.request.response_format !== undefined,
            messages: run.request.messages,
          }),
        ]
      : [],
  );
  writeFileSync(new URL("../fixtures/llm/requests.jsonl", import.meta.url), `${lines.join("\n")}\n`);
  const missing = runs.filter((run) => !run.request).map((run) => `${run.capability}:${run.id}`);
  console.log(`${lines.length} requests written${missing.length ? `; no request for ${missing.join(", ")}` : ""}`);
} finally {
  await server.close();
}
