import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { createApp } from "../app.js";
import { SqliteSessionStore } from "../coach/roleplay/sqlite-store.js";
import { loadConfig } from "../config.js";

const TOKENS = {
  "rep-amy-0000000000000001": { user: "amy", role: "rep", team: "north" },
  "rep-bo-00000000000000002": { user: "bo", role: "rep", team: "north" },
  "mgr-north-00000000000003": { user: "lin", role: "manager", team: "north" },
  "mgr-south-00000000000004": { user: "wu", role: "manager", team: "south" },
} as const;
const dir = mkdtempSync(join(tmpdir(), "coach-auth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bearer tokens (COACH_TOKENS)", () => {
  it("are read from the environment as JSON, with a clear error naming the variable", () => {
    expect(loadConfig({ COACH_TOKENS: JSON.stringify(TOKENS) }).tokens?.["rep-amy-0000000000000001"]?.user).toBe("amy");
    expect(() => loadConfig({ COACH_TOKENS: "amy:rep" })).toThrow(/COACH_TOKENS/);
    expect(() =>
      loadConfig({ COACH_TOKENS: JSON.stringify({ short: { user: "a", role: "rep", team: "t" } }) }),
    ).toThrow(/COACH_TOKENS/);
  });

  it("guard every API route, and a rep sees only their sessions, a manager only their team's", async () => {
    const file = join(dir, "sessions.db");
    const app = createApp(await realAppDeps({ env: { COACH_TOKENS: JSON.stringify(TOKENS) }, sessionsFile: file }));
    const as = (token: string | undefined, path: string, body?: unknown) =>
      app.request(path, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    // Health stays public: a load balancer's probe carries no token.
    const health = await as(undefined, "/api/health");
    expect(health.status).toBe(200);
    expect(Object.keys((await health.json()) as object).sort()).toEqual(["corpus", "mode", "status", "version"]);
    for (const path of ["/api/corpus/sections", "/api/roleplay/personas", "/api/fabe/drills"]) {
      const refused = await as(undefined, path);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      expect((await as("not-a-known-token-at-all", path)).status).toBe(401);
    }
    expect((await as(undefined, "/api/retrieve", { query: "新人" })).status).toBe(401);

    const created = (await (
      await as("rep-amy-0000000000000001", "/api/roleplay/sessions", { persona: "passive-veteran" })
    ).json()) as { id: string };
    const session = `/api/roleplay/sessions/${created.id}`;
    expect((await as("rep-amy-0000000000000001", `${session}/messages`, { text: "老張,最近怎麼樣?" })).status).toBe(
      200,
    );
    expect((await as("rep-amy-0000000000000001", session)).status).toBe(200);
    expect((await as("mgr-north-00000000000003", session)).status).toBe(200);
    expect((await as("mgr-north-00000000000003", `${session}/debrief`, {})).status).toBe(200);
    // Another rep and another team's manager get the same 404 as for an id that does not exist.
    for (const token of ["rep-bo-00000000000000002", "mgr-south-00000000000004"]) {
      expect((await as(token, session)).status).toBe(404);
      expect((await as(token, `${session}/messages`, { text: "hi" })).status).toBe(404);
      expect((await as(token, `${session}/debrief`, {})).status).toBe(404);
    }

    // The owner survives a restart (it is stored, not kept in memory).
    const reopened = new SqliteSessionStore(file);
    expect((await reopened.get(created.id))?.owner).toEqual({ user: "amy", team: "north" });
    reopened.close();
  });
});

describe("the SQLite store on a database from before owners", () => {
  it("adds the owner columns and keeps the old sessions", async () => {
    const Database = (await import("better-sqlite3")).default;
    const file = join(dir, "old.db");
    const old = new Database(file);
    old.exec(
      "CREATE TABLE sessions (id TEXT PRIMARY KEY, persona TEXT NOT NULL, mode TEXT NOT NULL, lang TEXT NOT NULL, state TEXT NOT NULL, turn INTEGER NOT NULL, created_at TEXT NOT NULL);" +
        "CREATE TABLE messages (session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, moves TEXT, PRIMARY KEY (session_id, seq));",
    );
    old
      .prepare("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(
        "00000000-0000-4000-8000-000000000001",
        "passive-veteran",
        "manager-rep",
        "auto",
        '{"turn":0}',
        0,
        "2026-01-01T00:00:00Z",
      );
    old.close();
    const store = new SqliteSessionStore(file);
    const session = await store.get("00000000-0000-4000-8000-000000000001");
    expect(session?.persona).toBe("passive-veteran");
    expect(session?.owner).toBeUndefined();
    store.close();
  });
});
