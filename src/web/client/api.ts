// The only module of the client that talks to the server, through Hono's typed client over the server's own route
// types (`AppType`, a type-only import erased from the bundle): a change on the server that breaks the page breaks
// `tsc` first.
import { hc, type InferRequestType, type InferResponseType } from "hono/client";
import type { z } from "zod";
import type {
  CarriedSchema,
  ChatMessageSchema,
  RepFieldsSchema,
  RepNoteSchema,
  RepSchema,
  TurnAnswerSchema,
} from "../../api/chat-schemas.js";
import { ApiError, apiErrorOf, expectOk as ok } from "../../api/client.js";
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

export type ChatMessage = z.output<typeof ChatMessageSchema>;
export type Carried = z.output<typeof CarriedSchema>;
export type TurnAnswer = z.output<typeof TurnAnswerSchema>;
export type Conversation = InferResponseType<(typeof api.conversations)[":id"]["$get"], 200>;
export type ConversationSummary = InferResponseType<typeof api.conversations.$get, 200>[number];
export type Rep = z.output<typeof RepSchema>;
export type RepFile = InferResponseType<(typeof api.reps)[":id"]["$get"], 200>;
export type RepNote = z.output<typeof RepNoteSchema>;
export type RepFields = z.input<typeof RepFieldsSchema>;
export type RepPatch = InferRequestType<(typeof api.reps)[":id"]["$patch"]>["json"];
export type NoteRequest = InferRequestType<(typeof api.reps)[":id"]["notes"]["$post"]>["json"];

const TOKEN_KEY = "coach.token";

function withToken(init: RequestInit): RequestInit {
  const token = localStorage.getItem(TOKEN_KEY);
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return { ...init, headers };
}

// When the service runs with bearer tokens (COACH_TOKENS), the first 401 asks for a token once; it is kept in
// this browser and sent with every request after.
// Requests that fail together (a page loads several things at once) ask once: a request that was refused with an
// older token retries with the one another request just got.
async function authorisedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const sent = localStorage.getItem(TOKEN_KEY);
  let response = await fetch(input, withToken(init));
  if (response.status === 401) {
    const kept = localStorage.getItem(TOKEN_KEY);
    const token = kept && kept !== sent ? kept : window.prompt(t("token"));
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
  return readStream<Advice>(response, onDelta);
}

/**
 * `POST /api/conversations/:id/messages` as Server-Sent Events: `onDelta` gets the answer's text so far (the carried
 * context first), the promise the stored turn's answer and what it carried. An `error` event becomes an error.
 */
export async function streamConversationMessage(
  id: string,
  request: { text: string; lang: Lang },
  onDelta: (textSoFar: string) => void,
): Promise<TurnAnswer> {
  const response = (await api.conversations[":id"].messages.$post(
    { param: { id }, json: { ...request, stream: true } },
    { headers: { accept: "text/event-stream" } },
  )) as unknown as Response;
  return readStream<TurnAnswer>(response, onDelta);
}

/** Reads an SSE answer: `delta` events `{text}` grow the text, one `final` event is the result, `error` fails. */
async function readStream<T>(response: Response, onDelta: (textSoFar: string) => void): Promise<T> {
  if (!response.ok) throw await apiErrorOf(response);
  if (!response.body) throw new Error("The answer arrived without a body.");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let streamed = "";
  let final: { value: T } | undefined;
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
      // The stream ends right after its final event: it is read to its end, not cancelled (a cancelled
      // response is a failed request to the browser).
      if (event.name === "final") final = { value: JSON.parse(event.data) as T };
      if (event.name === "error") {
        await reader.cancel();
        const body = JSON.parse(event.data) as { error?: { code?: string; message?: string } };
        throw new ApiError(
          response.status,
          body.error?.code ?? "internal",
          body.error?.message ?? "The answer failed.",
        );
      }
    }
  }
  if (final) return final.value;
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

/** `POST /api/roleplay/sessions` with `repId`: the simulated rep is the persona of that file's type and tenure. */
export function createSessionForRep(repId: string, lang: Lang): Promise<NewSession> {
  return ok(api.roleplay.sessions.$post({ json: { repId, lang } }));
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

/** A request that answers 204 (no body): an error answer becomes an ApiError. */
async function noContent(pending: Promise<unknown>): Promise<void> {
  const response = (await pending) as Response;
  if (!response.ok) throw await apiErrorOf(response);
}

/** `POST /api/conversations`: a new, empty conversation, about a rep's file when `repId` is given. */
export function createConversation(lang: Lang, repId?: string): Promise<Conversation> {
  return ok(api.conversations.$post({ json: { lang, ...(repId ? { repId } : {}) } }));
}

/** `GET /api/conversations[?repId=]`: my conversations, newest first. */
export function listConversations(repId?: string): Promise<ConversationSummary[]> {
  return ok(api.conversations.$get({ query: repId ? { repId } : {} }));
}

/** `GET /api/conversations/:id`: a conversation with its messages. */
export function getConversation(id: string): Promise<Conversation> {
  return ok(api.conversations[":id"].$get({ param: { id } }));
}

/** `DELETE /api/conversations/:id`. */
export function deleteConversation(id: string): Promise<void> {
  return noContent(api.conversations[":id"].$delete({ param: { id } }));
}

/** `GET /api/reps`: my reps' files, by name. */
export function listReps(): Promise<Rep[]> {
  return ok(api.reps.$get());
}

/** `POST /api/reps`: opens a rep's file. */
export function createRep(fields: RepFields): Promise<Rep> {
  return ok(api.reps.$post({ json: fields }));
}

/** `GET /api/reps/:id`: a file with its notes, newest first. */
export function getRep(id: string): Promise<RepFile> {
  return ok(api.reps[":id"].$get({ param: { id } }));
}

/** `PATCH /api/reps/:id`: changes fields (null clears one). */
export function updateRep(id: string, patch: RepPatch): Promise<RepFile> {
  return ok(api.reps[":id"].$patch({ param: { id }, json: patch }));
}

/** `DELETE /api/reps/:id`: the file and its notes, for real. */
export function deleteRep(id: string): Promise<void> {
  return noContent(api.reps[":id"].$delete({ param: { id } }));
}

/** `POST /api/reps/:id/notes`: a dated note in a file. */
export function addRepNote(id: string, note: NoteRequest): Promise<RepNote> {
  return ok(api.reps[":id"].notes.$post({ param: { id }, json: note }));
}

/** Where a file's JSON export downloads from (a plain link). */
/** `GET /api/reps/:id/export`: through the client, so that a bearer token goes with it (a plain link would not). */
export function exportRep(id: string): Promise<unknown> {
  return ok(api.reps[":id"].export.$get({ param: { id } }));
}

export type Progress = InferResponseType<typeof api.progress.$get, 200>;
export type TeamRow = InferResponseType<typeof api.team.progress.$get, 200>[number];

/** The reader's offset from UTC in minutes east, so that "today" and "this week" are theirs. */
function readQuery(lang: Lang) {
  return { lang, tz: String(-new Date().getTimezoneOffset()) };
}

/** `GET /api/progress`: my pitches, role-plays, figures and the next drill. */
export function getProgress(lang: Lang): Promise<Progress> {
  return ok(api.progress.$get({ query: readQuery(lang) }));
}

/** `GET /api/team/progress`: a manager's team, one row per rep. */
export function getTeam(lang: Lang): Promise<TeamRow[]> {
  return ok(api.team.progress.$get({ query: readQuery(lang) }));
}

/** `GET /api/team/progress/:user`: one member's progress, as they see it. */
export function getMemberProgress(user: string, lang: Lang): Promise<Progress> {
  return ok(api.team.progress[":user"].$get({ param: { user }, query: readQuery(lang) }));
}

/** `GET /api/progress/export.csv`, through the client so that a bearer token goes with it. */
export async function exportProgress(): Promise<Blob> {
  const response = (await api.progress["export.csv"].$get()) as unknown as Response;
  if (!response.ok) throw await apiErrorOf(response);
  return response.blob();
}

/** `DELETE /api/progress`: all my practice records, for real. */
export function deleteProgress(): Promise<void> {
  return noContent(api.progress.$delete());
}
