import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { d1OverSqlite } from "../../../test/support/d1-over-sqlite.js";
import { createApp } from "../../app.js";
import { migrateSqlite } from "../../db/migrate-sqlite.js";
import { AppError } from "../../lib/errors.js";
import type { ChatStore } from "./chat-store.js";
import { D1ChatStore } from "./d1-chat-store.js";
import { SqliteChatStore } from "./sqlite-chat-store.js";
import type { ChatMessage, ConversationRecord } from "./types.js";

const owner = { user: "mei", team: "north" };
const at = "2026-12-07T00:00:00.000Z";

function conversation(id: string): ConversationRecord {
  return {
    id,
    owner,
    repId: null,
    title: "",
    lang: "auto",
    state: { diagnosis: {}, earlier: [], cited: [] },
    turns: 0,
    createdAt: at,
    updatedAt: at,
  };
}

const turn = (text: string): [ChatMessage, ChatMessage] => [
  { id: `${text}-q`, role: "manager", text, at },
  { id: `${text}-a`, role: "coach", text: `answer to ${text}`, at },
];

function d1Store(): ChatStore {
  const sqlite = new Database(":memory:");
  migrateSqlite(sqlite);
  return new D1ChatStore(d1OverSqlite(sqlite));
}

describe.each([
  ["SQLite", () => new SqliteChatStore(":memory:") as ChatStore],
  ["D1", d1Store],
])("the chat store on %s", (_name, open) => {
  it("writes a turn whole; of two turns at the same count one wins and the other writes nothing", async () => {
    const store = open();
    const record = conversation("c1");
    await store.createConversation(record);
    expect(await store.appendTurn(record, turn("one"), { ...record.state, earlier: ["one"] }, at)).toBe(true);
    // A second turn sent with the same view of the conversation (0 turns) lost the race.
    expect(await store.appendTurn(record, turn("late"), record.state, at)).toBe(false);
    const moved = { ...record, turns: 1 };
    expect(await store.appendTurn(moved, turn("two"), record.state, at)).toBe(true);
    const texts = (await store.listMessages("c1")).map((message) => message.text);
    expect(texts).toEqual(["one", "answer to one", "two", "answer to two"]);
    expect((await store.getConversation(owner, "c1"))?.turns).toBe(2);
    expect(await store.getConversation({ user: "wang", team: "north" }, "c1")).toBeUndefined();
    expect(await store.deleteConversation({ user: "wang", team: "north" }, "c1")).toBe(false);
    expect(await store.deleteConversation(owner, "c1")).toBe(true);
    expect(await store.listMessages("c1")).toEqual([]);
  });

  it("deletes a rep's file with its notes and unlinks its conversations", async () => {
    const store = open();
    await store.createRep({ id: "r1", owner, name: "小林", startDate: "2026-11-01", createdAt: at, updatedAt: at });
    await store.addNote({ id: "n1", repId: "r1", kind: "talk", text: "談過", at, createdAt: at });
    await store.createConversation({ ...conversation("c2"), repId: "r1" });
    expect(await store.deleteRep(owner, "r1")).toBe(true);
    expect(await store.listNotes("r1")).toEqual([]);
    expect((await store.getConversation(owner, "c2"))?.repId).toBeNull();
    expect(await store.deleteRep(owner, "r1")).toBe(false);
  });
});

describe("the D1 chat store when D1 fails", () => {
  it("answers 503 unavailable, not a crash, and the app says so in the error format", async () => {
    const fail = async () => {
      throw new Error("D1_ERROR: Network connection lost.");
    };
    const statement = { bind: () => statement, all: fail, first: fail, raw: fail, run: fail };
    const store = new D1ChatStore({ prepare: () => statement, batch: fail });
    await expect(store.listReps(owner)).rejects.toBeInstanceOf(AppError);
    const app = createApp(await realAppDeps({ chat: store, logError: () => {} }));
    const response = await app.request("/api/conversations");
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });
});
