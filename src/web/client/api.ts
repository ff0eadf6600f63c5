// The only module of the client that talks to the server, through Hono's typed client over the server's own route
// types (`AppType`, a type-only import erased from the bundle): a change on the server that breaks the page breaks
// `tsc` first.
import { hc, type InferRequestType, type InferResponseType } from "hono/client";
import type { z } from "zod";
import { apiErrorOf, expectOk as ok } from "../../api/client.js";
import type { AdviceSchema } from "../../api/schemas.js";
import type { AppType } from "../../app.js";
import type { Lang } from "../../retrieval/types.js";
import { t } from "./i18n.js";

const client = hc<AppType>(location.origin, { fetch: authorisedFetch });
const api = client.api;

/** The JSON shape of an answer (the route also streams it, so its response type is read from the schema). */
export type Advice = z.output<typeof AdviceSchema>;
export type Chunk = InferResponseType<(typeof api.corpus.chunks)[":id"]["$get"], 200>;
export type Debrief = InferResponseType<(typeof api.roleplay.sessions)[":id"]["debrief"]["$post"], 200>;
export type FabeResult = InferResponseType<typeof api.fabe.score.$post, 200>;
export type AdviceRequest = Omit<InferRequestType<typeof api.advice.$post>["json"], "stream">;
export type FabeRequest = InferRequestType<typeof api.fabe.score.$post>["json"];
export type PersonaCard = InferResponseType<typeof api.roleplay.personas.$get, 200>[number];
export type NewSession = InferResponseType<typeof api.roleplay.sessions.$post, 201>;
export type Session = InferResponseType<(typeof api.roleplay.sessions)[":id"]["$get"], 200>;
export type Turn = InferResponseType<(typeof api.roleplay.sessions)[":id"]["messages"]["$post"], 200>;
/** `GET /api/fabe/drills` adds the product's name in the drill's language to each drill. */
export type DrillCard = InferResponseType<typeof api.fabe.drills.$get, 200>[number];

const TOKEN_KEY = "coach.token";

function withToken(init: RequestInit): RequestInit {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return { ...init, headers };
}

// When the service runs with bearer tokens (COACH_TOKENS), the first 401 asks for a token once; it is kept in
// this browser and sent with every request after.
async function authorisedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  let response = await fetch(input, withToken(init));
  if (response.status === 401) {
    const token = window.prompt(t("token"));
    if (token?.trim()) {
      localStorage.setItem(TOKEN_KEY, token.trim());
      response = await fetch(input, withToken(init));
    }
  }
  return response;
}

/** `GET /api/corpus/chunks/:id`: one passage of the handbook. */
export function getChunk(id: string): Promise<Chunk> {
  return ok(api.corpus.chunks[":id"].$get({ param: { id } }));
}

/**
 * `POST /api/advice` as Server-Sent Events: `onDelta` gets the text produced so far as it grows, the promise the
 * final validated answer. A stream that ends without its `final` event is an error.
 */
export async function streamAdvice(request: AdviceRequest, onDelta: (textSoFar: string) => void): Promise<Advice> {
  const response = (await api.advice.$post(
    { json: { ...request, stream: true } },
    { headers: { accept: "text/event-stream" } },
  )) as unknown as Response;
  if (!response.ok) throw await apiErrorOf(response);
  if (!response.body) throw new Error("The answer arrived without a body.");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let streamed = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
      const event = parseEvent(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      if (event.name === "delta") {
        streamed += (JSON.parse(event.data) as { text: string }).text;
        onDelta(streamed);
      }
      if (event.name === "final") {
        await reader.cancel();
        return JSON.parse(event.data) as Advice;
      }
    }
  }
  throw new Error("The answer stopped before it was complete; try again.");
}

/** One SSE block: its `event:` name and its `data:` lines joined. */
function parseEvent(block: string): { name: string; data: string } {
  let name = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
  }
  return { name, data: data.join("\n") };
}

/** `GET /api/roleplay/personas`. */
export function listPersonas(): Promise<PersonaCard[]> {
  return ok(api.roleplay.personas.$get());
}

/** `POST /api/roleplay/sessions`: starts a session with a persona; its first line is the persona's. */
export function createSession(persona: string, lang: Lang): Promise<NewSession> {
  return ok(api.roleplay.sessions.$post({ json: { persona, lang } }));
}

/** `GET /api/roleplay/sessions/:id`: a session so far (after a reload). */
export function getSession(id: string): Promise<Session> {
  return ok(api.roleplay.sessions[":id"].$get({ param: { id } }));
}

/** `POST /api/roleplay/sessions/:id/messages`: the user's turn and the persona's reply. */
export function sendMessage(id: string, text: string): Promise<Turn> {
  return ok(api.roleplay.sessions[":id"].messages.$post({ param: { id }, json: { text } }));
}

/** `POST /api/roleplay/sessions/:id/debrief`. */
export function debriefSession(id: string): Promise<Debrief> {
  return ok(api.roleplay.sessions[":id"].debrief.$post({ param: { id } }));
}

/** `GET /api/fabe/drills?lang=`. */
export function listDrills(lang: Lang): Promise<DrillCard[]> {
  return ok(api.fabe.drills.$get({ query: { lang } }));
}

/** `POST /api/fabe/score`. */
export function scorePitch(request: FabeRequest): Promise<FabeResult> {
  return ok(api.fabe.score.$post({ json: request }));
}
