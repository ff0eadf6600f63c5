/**
 * Generates invalid requests for every API route, deterministically from a seed, for the fuzz test.
 * Every request here must be refused with a 4xx: none is a valid request by accident (control characters
 * are raw inside JSON strings, which JSON forbids; huge strings exceed the route's field limit or the body
 * limit; ids are random UUIDs no session has).
 */
import { MAX_SCENARIO_CHARS } from "../../src/coach/advice/schema.js";
import { MAX_MESSAGE_CHARS } from "../../src/coach/roleplay/roleplay-service.js";
import { MAX_PITCH_CHARS } from "../../src/routes/fabe.js";
import { MAX_QUERY_CHARS } from "../../src/routes/retrieve.js";

export interface BadRequest {
  kind: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer> | string;
}

/** A small seeded PRNG (mulberry32), so a failure names a seed that reproduces it. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface JsonRoute {
  path: (sessionId: string) => string;
  /** A valid body, which the generators break. */
  valid: Record<string, unknown>;
  /** The string field a huge value goes in, and that field's length limit. */
  textField: string;
  limit: number;
}

const JSON_ROUTES: JsonRoute[] = [
  { path: () => "/api/retrieve", valid: { query: "新人培訓怎麼做", k: 3 }, textField: "query", limit: MAX_QUERY_CHARS },
  {
    path: () => "/api/advice",
    valid: { scenario: "我的新人很積極但兩個月沒有成交" },
    textField: "scenario",
    limit: MAX_SCENARIO_CHARS,
  },
  {
    path: () => "/api/fabe/score",
    valid: { pitch: "這台印表機有五百張紙匣。" },
    textField: "pitch",
    limit: MAX_PITCH_CHARS,
  },
  {
    path: () => "/api/roleplay/sessions",
    valid: { persona: "passive-veteran", lang: "zh-Hant" },
    textField: "persona",
    limit: 100,
  },
  {
    path: (id) => `/api/roleplay/sessions/${id}/messages`,
    valid: { text: "老張,最近怎麼樣?" },
    textField: "text",
    limit: MAX_MESSAGE_CHARS,
  },
];

const JSON_HEADERS = { "content-type": "application/json" };

export function badRequests(count: number, seed: number, maxBodyBytes: number, uuid: () => string): BadRequest[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const text = (length: number) =>
    Array.from({ length }, () => pick(["新", "人", "a", "é", "👍", " ", "\\", '"', "業"])).join("");
  const generators: Array<(route: JsonRoute) => BadRequest> = [
    (route) => ({
      kind: "malformed JSON",
      method: "POST",
      path: route.path(uuid()),
      headers: JSON_HEADERS,
      body: pick(["{", "{]", "{'query': 1}", "nul", '{"a":}', "[1,,2]", '{"query" "x"}', "\u0000"]),
    }),
    (route) => {
      const whole = JSON.stringify(route.valid);
      return {
        kind: "truncated JSON",
        method: "POST",
        path: route.path(uuid()),
        headers: JSON_HEADERS,
        body: whole.slice(0, 1 + Math.floor(next() * (whole.length - 2))),
      };
    },
    (route) => ({
      kind: "wrong types",
      method: "POST",
      path: route.path(uuid()),
      headers: JSON_HEADERS,
      body: JSON.stringify({
        ...route.valid,
        [route.textField]: pick([42, true, null, [], {}, ["x"], { text: "x" }, -1.5]),
      }),
    }),
    (route) => ({
      kind: "not an object",
      method: "POST",
      path: route.path(uuid()),
      headers: JSON_HEADERS,
      body: pick(["null", "42", '"text"', "[]", "true", '[{"query":"x"}]']),
    }),
    (route) => ({
      kind: "huge field",
      method: "POST",
      path: route.path(uuid()),
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...route.valid, [route.textField]: text(route.limit + 1 + Math.floor(next() * 500)) }),
    }),
    (route) => ({
      kind: "huge body",
      method: "POST",
      path: route.path(uuid()),
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...route.valid, padding: "x".repeat(maxBodyBytes + Math.floor(next() * 10_000)) }),
    }),
    (route) => {
      const depth = 500 + Math.floor(next() * 5000);
      return {
        kind: "deep nesting",
        method: "POST",
        path: route.path(uuid()),
        headers: JSON_HEADERS,
        body: `{"${route.textField}":${"[".repeat(depth)}${"]".repeat(depth)}}`,
      };
    },
    (route) => {
      const control = String.fromCharCode(Math.floor(next() * 32));
      return {
        kind: "raw control character",
        method: "POST",
        path: route.path(uuid()),
        headers: JSON_HEADERS,
        body: `{"${route.textField}":"a${control}b"}`,
      };
    },
    (route) => {
      const head = new TextEncoder().encode(`{"${route.textField}":"`);
      const invalid = pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0x80]]);
      const tail = new TextEncoder().encode('"}');
      return {
        kind: "invalid UTF-8",
        method: "POST",
        path: route.path(uuid()),
        headers: JSON_HEADERS,
        body: new Uint8Array([...head, ...invalid, ...tail]),
      };
    },
    (route) => ({
      kind: "wrong content type",
      method: "POST",
      path: route.path(uuid()),
      headers: {
        "content-type": pick([
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "image/png",
        ]),
      },
      body: JSON.stringify(route.valid),
    }),
    (route) => ({ kind: "empty body", method: "POST", path: route.path(uuid()), headers: JSON_HEADERS, body: "" }),
    (route) => ({
      kind: "unknown field value",
      method: "POST",
      path: route.path(uuid()),
      headers: JSON_HEADERS,
      body: JSON.stringify({ ...route.valid, lang: pick(["fr", "zh", "ZH-HANT", 7, "", "auto-detect"]) }),
    }),
  ];
  const gets: Array<() => BadRequest> = [
    () => ({ kind: "unknown session", method: "GET", path: `/api/roleplay/sessions/${uuid()}`, headers: {} }),
    () => ({
      kind: "unknown session debrief",
      method: "POST",
      path: `/api/roleplay/sessions/${uuid()}/debrief`,
      headers: JSON_HEADERS,
      body: "{}",
    }),
    () => ({
      kind: "unknown chunk",
      method: "GET",
      path: `/api/corpus/chunks/${encodeURIComponent(text(1 + Math.floor(next() * 40)))}`,
      headers: {},
    }),
    () => ({
      kind: "unknown route",
      method: "POST",
      path: `/api/${pick(["nothing", "retrieve/x", "advice/1", "fabe", "roleplay/sessions/x/y"])}`,
      headers: JSON_HEADERS,
      body: "{}",
    }),
    () => ({
      kind: "unknown route",
      method: "GET",
      path: `/api/${pick(["nothing", "retrieve", "advice", "fabe", "roleplay/sessions/x/y"])}`,
      headers: {},
    }),
    () => ({
      kind: "bad drill language",
      method: "GET",
      path: `/api/fabe/drills?lang=${pick(["fr", "xx", "%00", "zh-Hant%0A"])}`,
      headers: {},
    }),
  ];
  const requests: BadRequest[] = [];
  for (let i = 0; i < count; i++) {
    if (next() < 0.2) requests.push(pick(gets)());
    else requests.push(pick(generators)(pick(JSON_ROUTES)));
  }
  return requests;
}
