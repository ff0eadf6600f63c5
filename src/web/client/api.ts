// The only module of the client that talks to the server: one function per route the page uses. Request and
// response types are the server's own (type-only imports, erased from the bundle), so a change on the server
// that breaks the page breaks `tsc` first.
import type { z } from "zod";
import type { AdviceRequestSchema } from "../../coach/advice/schema.js";
import type { Advice } from "../../coach/advice/types.js";
import type { Drill } from "../../coach/fabe/feedback-data.js";
import type { FabeResult } from "../../coach/fabe/score-pitch.js";
import type { Debrief } from "../../coach/roleplay/debrief.js";
import type { RoleplayService } from "../../coach/roleplay/roleplay-service.js";
import type { Chunk } from "../../corpus/types.js";
import type { ErrorBody } from "../../lib/errors.js";
import type { Lang } from "../../retrieval/types.js";
import type { FabeRequestSchema } from "../../routes/fabe.js";
import { t } from "./i18n.js";

export type { Advice, Chunk, Debrief, FabeResult };
export type AdviceRequest = Omit<z.input<typeof AdviceRequestSchema>, "stream">;
export type FabeRequest = z.input<typeof FabeRequestSchema>;
export type PersonaCard = ReturnType<RoleplayService["list"]>[number];
export type NewSession = Awaited<ReturnType<RoleplayService["create"]>>;
export type Session = Awaited<ReturnType<RoleplayService["get"]>>;
export type Turn = Awaited<ReturnType<RoleplayService["message"]>>;
/** `GET /api/fabe/drills` adds the product's name in the drill's language to each drill. */
export type DrillCard = Drill & { productName?: string };

/** A failed API call: the server's stable code and its message, which is safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

const TOKEN_KEY = "coach.token";

function withToken(init: RequestInit): RequestInit {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return { ...init, headers };
}

// When the service runs with bearer tokens (COACH_TOKENS), the first 401 asks for a token once; it is kept in
// this browser and sent with every request after.
async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response = await fetch(path, withToken(init));
  if (response.status === 401) {
    const token = window.prompt(t("token"));
    if (token?.trim()) {
      localStorage.setItem(TOKEN_KEY, token.trim());
      response = await fetch(path, withToken(init));
    }
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  return new ApiError(response.status, body?.error?.code ?? "http", body?.error?.message ?? response.statusText);
}

async function getJson<T>(path: string): Promise<T> {
  return (await (await send(path)).json()) as T;
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** `GET /api/corpus/chunks/:id`: one passage of the handbook. */
export function getChunk(id: string): Promise<Chunk> {
  return getJson(`/api/corpus/chunks/${encodeURIComponent(id)}`);
}

/**
 * `POST /api/advice` as Server-Sent Events: `onDelta` gets the text produced so far as it grows, the promise the
 * final validated answer. A stream that ends without its `final` event is an error.
 */
export async function streamAdvice(request: AdviceRequest, onDelta: (textSoFar: string) => void): Promise<Advice> {
  const response = await send("/api/advice", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ ...request, stream: true }),
  });
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
  return getJson("/api/roleplay/personas");
}

/** `POST /api/roleplay/sessions`: starts a session with a persona; its first line is the persona's. */
export function createSession(persona: string, lang: Lang): Promise<NewSession> {
  return postJson("/api/roleplay/sessions", { persona, lang });
}

/** `GET /api/roleplay/sessions/:id`: a session so far (after a reload). */
export function getSession(id: string): Promise<Session> {
  return getJson(`/api/roleplay/sessions/${encodeURIComponent(id)}`);
}

/** `POST /api/roleplay/sessions/:id/messages`: the user's turn and the persona's reply. */
export function sendMessage(id: string, text: string): Promise<Turn> {
  return postJson(`/api/roleplay/sessions/${encodeURIComponent(id)}/messages`, { text });
}

/** `POST /api/roleplay/sessions/:id/debrief`. */
export function debriefSession(id: string): Promise<Debrief> {
  return postJson(`/api/roleplay/sessions/${encodeURIComponent(id)}/debrief`, {});
}

/** `GET /api/fabe/drills?lang=`. */
export function listDrills(lang: Lang): Promise<DrillCard[]> {
  return getJson(`/api/fabe/drills?lang=${encodeURIComponent(lang)}`);
}

/** `POST /api/fabe/score`. */
export function scorePitch(request: FabeRequest): Promise<FabeResult> {
  return postJson("/api/fabe/score", request);
}
