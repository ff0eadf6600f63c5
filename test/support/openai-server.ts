import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake provider does with the next request. `content` may depend on the request it answers. */
export type Behaviour =
  | { kind: "json"; content: Content }
  /** A provider's quirk: a 400 with `reject`'s message when it returns one (an unknown parameter …), else `answer`. */
  | { kind: "quirk"; reject: (request: ChatRequest) => string | undefined; answer: Behaviour }
  | { kind: "stream"; content: Content; cutAfter?: number }
  | { kind: "status"; status: number }
  | { kind: "hang" };

type Content = string | ((request: ChatRequest) => string);

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string }>;
  /** What the SDK sent besides: response_format, stream_options, temperature … (provider profiles are tested on it). */
  [parameter: string]: unknown;
}

export interface OpenAIServer {
  /** Base URL to give the SDK, ending in /v1. */
  url: string;
  requests: ChatRequest[];
  /** Hanging requests whose client has not hung up: after a timeout, a client that cleans up leaves none. */
  openHanging(): number;
  /** Behaviours for the next requests, in order; when they run out, the last one repeats. */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server speaking the OpenAI chat-completions wire format (JSON and SSE), for llm-mode tests:
 * the SDK, its retries, timeouts and stream parsing all run for real against it.
 */
export async function startOpenAIServer(): Promise<OpenAIServer> {
  const requests: ChatRequest[] = [];
  let behaviours: Behaviour[] = [{ kind: "json", content: "{}" }];
  const hanging = new Set<IncomingMessage>();
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    if (req.method === "GET" && req.url?.endsWith("/models")) {
      const data = [{ id: "t", object: "model", created: 0, owned_by: "local" }];
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", data }));
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    const request = JSON.parse(body) as ChatRequest;
    requests.push(request);
    let behaviour = (behaviours.length > 1 ? behaviours.shift() : behaviours[0]) as Behaviour;
    if (behaviour.kind === "quirk") {
      const refusal = behaviour.reject(request);
      if (refusal) {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: refusal, type: "invalid_request_error" } }));
        return;
      }
      behaviour = behaviour.answer;
    }
    const content = (c: Content) => (typeof c === "function" ? c(request) : c);
    switch (behaviour.kind) {
      case "quirk":
        throw new Error("a quirk's `answer` must be a plain behaviour");
      case "hang":
        hanging.add(req);
        // The response closes before it was ended only when the client drops the connection.
        res.on("close", () => hanging.delete(req));
        return;
      case "status":
        res.writeHead(behaviour.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `scripted ${behaviour.status}`, type: "test" } }));
        return;
      case "json":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "chatcmpl-test",
            object: "chat.completion",
            created: 0,
            model: request.model,
            choices: [
              { index: 0, message: { role: "assistant", content: content(behaviour.content) }, finish_reason: "stop" },
            ],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
        return;
      case "stream": {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const text = content(behaviour.content);
        const pieces = text.match(/[\s\S]{1,40}/g) ?? [];
        const chunk = (delta: object, finish: string | null) =>
          `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created: 0, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
        for (const [index, piece] of pieces.entries()) {
          if (behaviour.cutAfter !== undefined && index === behaviour.cutAfter) {
            // Let what was written reach the client first, so the cut is mid-answer, not before it.
            await new Promise((resolve) => setTimeout(resolve, 50));
            res.socket?.destroy();
            return;
          }
          res.write(chunk({ content: piece }, null));
        }
        res.write(chunk({}, "stop"));
        res.end("data: [DONE]\n\n");
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    openHanging: () => hanging.size,
    script: (...next) => {
      behaviours = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const req of hanging) req.socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
