import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../test/support/app-deps.js";
import { type AppType, createApp } from "../app.js";

let app: AppType;
let tokenApp: AppType;
const MANAGER = "manager-token-000000001";
const OTHER = "manager-token-000000002";

beforeAll(async () => {
  app = createApp(await realAppDeps());
  tokenApp = createApp(
    await realAppDeps({
      env: {
        COACH_TOKENS: JSON.stringify({
          [MANAGER]: { user: "mei", role: "manager", team: "north" },
          [OTHER]: { user: "wang", role: "manager", team: "north" },
        }),
      },
    }),
  );
});

const send = async (target: AppType, method: string, path: string, body?: unknown, token?: string) => {
  const response = await target.request(path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
};

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe("rep files", () => {
  it("derive tenure from the start date, keep notes newest first, export and delete for real", async () => {
    const created = await send(app, "POST", "/api/reps", {
      name: "小林",
      startDate: daysAgo(21),
      type: "excitable",
      education: "大學",
      results: [{ month: "2026-11", amount: 0 }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "小林", tenureGroup: "new", type: "excitable", education: "大學" });
    expect(created.body.tenureMonths).toBeGreaterThan(0.5);
    expect(created.body.tenureMonths).toBeLessThan(1);
    expect(created.body.stage).toBe("excitement");
    const id = created.body.id as string;

    await send(app, "POST", `/api/reps/${id}/notes`, { text: "第一次陪訪", kind: "talk", at: "2026-11-20" });
    await send(app, "POST", `/api/reps/${id}/notes`, { text: "晨會遲到兩次", kind: "problem", at: "2026-11-28" });
    const read = await send(app, "GET", `/api/reps/${id}`);
    expect(read.body.notes.map((note: { text: string }) => note.text)).toEqual(["晨會遲到兩次", "第一次陪訪"]);

    const patched = await send(app, "PATCH", `/api/reps/${id}`, { startDate: daysAgo(3 * 365), education: null });
    expect(patched.status).toBe(200);
    expect(patched.body.tenureGroup).toBe("veteran");
    expect(patched.body.education).toBeUndefined();
    expect(patched.body.name).toBe("小林");

    const conversation = await send(app, "POST", "/api/conversations", { repId: id });
    await send(app, "POST", `/api/conversations/${conversation.body.id}/messages`, { text: "他最近都不打電話了" });
    const exported = await send(app, "GET", `/api/reps/${id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.rep.notes).toHaveLength(2);
    expect(exported.body.conversations).toHaveLength(1);
    expect(exported.body.conversations[0].messages).toHaveLength(2);

    expect((await send(app, "DELETE", `/api/reps/${id}`)).status).toBe(204);
    expect((await send(app, "GET", `/api/reps/${id}`)).status).toBe(404);
    expect((await send(app, "POST", `/api/reps/${id}/notes`, { text: "x" })).status).toBe(404);
    // The conversation stays, no longer linked to a file that is gone.
    const kept = await send(app, "GET", `/api/conversations/${conversation.body.id}`);
    expect(kept.body.repId).toBeNull();
  });

  it("refuses bad fields with a 400 naming the field, and stores nothing", async () => {
    const before = (await send(app, "GET", "/api/reps")).body.length;
    for (const body of [
      {},
      { name: "" },
      { name: "A", startDate: "2026-13-40" },
      { name: "A", type: "lazy" },
      { name: "A", results: [{ month: "2026-1", amount: 3 }] },
      { name: "A", salary: 3 },
    ]) {
      const answer = await send(app, "POST", "/api/reps", body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("invalid_request");
    }
    expect((await send(app, "POST", "/api/reps", "{not json")).body.error.code).toBe("bad_json");
    expect((await send(app, "GET", "/api/reps")).body.length).toBe(before);
  });
});

describe("conversations", () => {
  it("answer a follow-up in the context of the first turn, say what was carried, and keep the thread", async () => {
    const created = await send(app, "POST", "/api/conversations", {});
    expect(created.status).toBe(201);
    expect(created.body.messages).toEqual([]);
    const id = created.body.id as string;
    const first = await send(app, "POST", `/api/conversations/${id}/messages`, {
      text: "阿Ken做了快四年，業績還行，但最近開會都在滑手機，新人問他事情也不理。",
    });
    expect(first.status).toBe(200);
    expect(first.body.message.advice.diagnosis.tenure.value).toBe("veteran");
    const second = await send(app, "POST", `/api/conversations/${id}/messages`, { text: "那如果他直接拒絕呢？" });
    expect(second.status).toBe(200);
    // Alone, "他" says nothing of who; the answer carries the veteran from the first turn.
    expect(second.body.message.advice.diagnosis.tenure.value).toBe("veteran");
    expect(second.body.carried.items).toContainEqual({ field: "tenure", value: "veteran", from: "conversation" });
    expect(second.body.carried.text).toContain("一年以上的老員工");
    expect(second.body.message.advice.abstained).toBe(false);

    const thread = await send(app, "GET", `/api/conversations/${id}`);
    expect(thread.body.messages.map((message: { role: string }) => message.role)).toEqual([
      "manager",
      "coach",
      "manager",
      "coach",
    ]);
    expect(thread.body.title).toContain("阿Ken");
    const list = await send(app, "GET", "/api/conversations");
    expect(list.body[0].id).toBe(id);
  });

  it("lists newest first, deletes, and streams over SSE with the turn stored before the final event", async () => {
    const older = (await send(app, "POST", "/api/conversations", {})).body.id as string;
    const newer = (await send(app, "POST", "/api/conversations", {})).body.id as string;
    await send(app, "POST", `/api/conversations/${older}/messages`, { text: "How do I run the morning meeting?" });
    const ids = (await send(app, "GET", "/api/conversations")).body.map((item: { id: string }) => item.id);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(newer));

    const response = await app.request(`/api/conversations/${newer}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ text: "我的團隊月底才集中收款，怎麼改？" }),
    });
    const stream = await response.text();
    expect(stream).toContain("event: delta");
    const final = stream.split("event: final\ndata: ")[1]?.split("\n")[0] ?? "";
    expect(JSON.parse(final).message.advice.steps.length).toBeGreaterThan(0);
    expect((await send(app, "GET", `/api/conversations/${newer}`)).body.messages).toHaveLength(2);

    expect((await send(app, "DELETE", `/api/conversations/${newer}`)).status).toBe(204);
    expect((await send(app, "GET", `/api/conversations/${newer}`)).status).toBe(404);
    expect((await send(app, "DELETE", `/api/conversations/${newer}`)).status).toBe(404);
  });

  it("uses the rep's file: the same words read as a new rep or a veteran by the start date", async () => {
    const text = "他這個月一單都沒成，開會也一聲不吭，我該怎麼跟他談？";
    const tenures: string[] = [];
    for (const days of [21, 3 * 365]) {
      const rep = (await send(app, "POST", "/api/reps", { name: "小周", startDate: daysAgo(days) })).body;
      const conversation = (await send(app, "POST", "/api/conversations", { repId: rep.id })).body;
      const answer = await send(app, "POST", `/api/conversations/${conversation.id}/messages`, { text });
      tenures.push(answer.body.message.advice.diagnosis.tenure.value);
      expect(answer.body.carried.text).toContain("小周");
      expect(answer.body.carried.items.some((item: { from: string }) => item.from === "rep")).toBe(true);
    }
    expect(tenures).toEqual(["new", "veteran"]);
  });

  it("reads a rep's file in one-shot advice too (POST /api/advice with repId)", async () => {
    const rep = (await send(app, "POST", "/api/reps", { name: "阿德", startDate: daysAgo(3 * 365) })).body;
    const advice = await send(app, "POST", "/api/advice", { scenario: "他最近開會都不說話", repId: rep.id });
    expect(advice.status).toBe(200);
    expect(advice.body.diagnosis.tenure.value).toBe("veteran");
    expect(advice.body.diagnosis.tenure.cues[0]).toContain("檔案");
    expect((await send(app, "POST", "/api/advice", { scenario: "他最近開會都不說話", repId: "nope" })).status).toBe(
      404,
    );
    const streamed = await send(app, "POST", "/api/advice", { scenario: "x", repId: "nope", stream: true });
    expect(streamed.status).toBe(404);
  });

  it("starts a role-play from a rep's file: the persona of its type and tenure", async () => {
    const personas: string[] = [];
    for (const fields of [
      { name: "志豪", startDate: daysAgo(20), type: "excitable" },
      { name: "冠宇", startDate: daysAgo(35), type: "opinionated" },
      { name: "老張", startDate: daysAgo(3 * 365) },
    ]) {
      const rep = (await send(app, "POST", "/api/reps", fields)).body;
      const session = await send(app, "POST", "/api/roleplay/sessions", { repId: rep.id });
      expect(session.status).toBe(201);
      expect(session.body.rep).toEqual({ id: rep.id, name: fields.name });
      personas.push(session.body.persona);
    }
    expect(personas).toEqual(["excitable-new-hire", "opinionated-new-hire", "passive-veteran"]);
    expect((await send(app, "POST", "/api/roleplay/sessions", { repId: "nope" })).status).toBe(404);
    expect((await send(app, "POST", "/api/roleplay/sessions", {})).status).toBe(400);
  });

  it("refuses an empty or oversized message, an unknown rep and a wrong id, and writes nothing", async () => {
    const id = (await send(app, "POST", "/api/conversations", {})).body.id as string;
    expect((await send(app, "POST", `/api/conversations/${id}/messages`, { text: "  " })).status).toBe(400);
    expect((await send(app, "POST", `/api/conversations/${id}/messages`, { text: "長".repeat(4001) })).status).toBe(
      400,
    );
    expect((await send(app, "POST", "/api/conversations", { repId: "no-such-rep" })).status).toBe(404);
    expect((await send(app, "POST", "/api/conversations/nope/messages", { text: "hi" })).status).toBe(404);
    expect((await send(app, "GET", `/api/conversations/${id}`)).body.messages).toEqual([]);
  });
});

describe("with tokens", () => {
  it("keeps each manager's conversations and rep files their own: another's is a 404", async () => {
    const rep = await send(tokenApp, "POST", "/api/reps", { name: "阿凱" }, MANAGER);
    expect(rep.status).toBe(201);
    const conversation = await send(tokenApp, "POST", "/api/conversations", { repId: rep.body.id }, MANAGER);
    expect(conversation.status).toBe(201);
    expect((await send(tokenApp, "GET", `/api/reps/${rep.body.id}`, undefined, OTHER)).status).toBe(404);
    expect((await send(tokenApp, "DELETE", `/api/reps/${rep.body.id}`, undefined, OTHER)).status).toBe(404);
    expect((await send(tokenApp, "GET", `/api/conversations/${conversation.body.id}`, undefined, OTHER)).status).toBe(
      404,
    );
    expect((await send(tokenApp, "POST", "/api/conversations", { repId: rep.body.id }, OTHER)).status).toBe(404);
    expect((await send(tokenApp, "GET", "/api/reps", undefined, OTHER)).body).toEqual([]);
    expect((await send(tokenApp, "GET", "/api/conversations", undefined, OTHER)).body).toEqual([]);
    expect((await send(tokenApp, "GET", "/api/reps")).status).toBe(401);
  });
});
