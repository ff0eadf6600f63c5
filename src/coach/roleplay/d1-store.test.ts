import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { d1OverSqlite } from "../../../test/support/d1-over-sqlite.js";
import { createApp } from "../../app.js";
import { migrateSqlite } from "../../db/migrate-sqlite.js";
import { AppError } from "../../lib/errors.js";
import { type D1Like, D1SessionStore } from "./d1-store.js";
import type { SimState } from "./simulate.js";

const state = (turn: number): SimState => ({ vars: {}, turn, ended: null, last: null, seed: 1 });
const id = "00000000-0000-4000-8000-000000000001";

/** A D1 binding that is down: every statement and batch rejects, as D1 does on an outage or overload. */
function downD1(message = "D1_ERROR: Network connection lost."): D1Like {
  const fail = async () => {
    throw new Error(message);
  };
  const statement = { bind: () => statement, all: fail, first: fail, raw: fail, run: fail };
  return { prepare: () => statement, batch: fail };
}

describe("the D1 store when D1 fails", () => {
  it("throws AppError unavailable (503) from every method, never a conflict, and logs D1's error", async () => {
    const store = new D1SessionStore(downD1());
    for (const call of [
      () => store.get(id),
      () => store.appendTurn(id, 0, [{ role: "user", text: "hi" }], state(1)),
      () =>
        store.create({
          id,
          persona: "p",
          mode: "manager-rep",
          lang: "en",
          state: state(0),
          messages: [],
          createdAt: "",
        }),
    ]) {
      const error = await call().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("unavailable");
      expect((error as AppError).status).toBe(503);
      expect(String((error as AppError).cause)).toMatch(/^Error: D1_ERROR: Network connection lost/);
    }
  });

  it("reports a (session, seq) collision as a lost race (false), not an outage", async () => {
    const collided = downD1("D1_ERROR: UNIQUE constraint failed: messages.session_id, messages.seq: SQLITE_CONSTRAINT");
    expect(await new D1SessionStore(collided).appendTurn(id, 0, [{ role: "user", text: "hi" }], state(1))).toBe(false);
  });

  it("answers a turn with 503 in the error format when D1 rejects its batch, and the session survives", async () => {
    const sqlite = new Database(":memory:");
    migrateSqlite(sqlite);
    const real = d1OverSqlite(sqlite);
    let down = false;
    const flaky: D1Like = {
      prepare: (sql) => real.prepare(sql),
      batch: (statements) => (down ? downD1().batch(statements) : real.batch(statements)),
    };
    const logged: unknown[] = [];
    const app = createApp(
      await realAppDeps({ logError: (error) => logged.push(error), sessions: new D1SessionStore(flaky) }),
    );
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });
    const session = (await (
      await post("/api/roleplay/sessions", { persona: "passive-veteran", lang: "zh-Hant" })
    ).json()) as { id: string };

    down = true;
    const failed = await post(`/api/roleplay/sessions/${session.id}/messages`, { text: "老張,最近怎麼樣?" });
    expect(failed.status).toBe(503);
    const body = (await failed.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(JSON.stringify(body)).not.toMatch(/D1_ERROR|Network connection/);
    expect(String(logged[0])).toMatch(/Network connection lost/);
    const unchanged = (await (await app.request(`/api/roleplay/sessions/${session.id}`)).json()) as {
      messages: unknown[];
    };
    expect(unchanged.messages).toHaveLength(1);

    down = false;
    const retried = await post(`/api/roleplay/sessions/${session.id}/messages`, { text: "老張,最近怎麼樣?" });
    expect(retried.status).toBe(200);
  });
});
