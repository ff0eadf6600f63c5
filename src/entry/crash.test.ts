import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "coach-crash-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

function start(): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", COACH_DATA_DIR: dataDir, LANCEDB_LOG: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

describe("a SIGKILL in the middle of a role-play session", () => {
  it("loses no acknowledged message and leaves no half-written turn", async () => {
    const first = await start();
    const session = (await (
      await post(`${first.url}/api/roleplay/sessions`, { persona: "passive-veteran", lang: "zh-Hant" })
    ).json()) as { id: string };
    const acknowledged: string[] = [];
    for (const text of ["老張,最近怎麼樣?", "我想請你來主持每週的部門會議。", "帶新人也交給你負責,好嗎?"]) {
      const response = await post(`${first.url}/api/roleplay/sessions/${session.id}/messages`, { text });
      expect(response.status).toBe(200);
      acknowledged.push(text);
    }
    // One more turn in flight when the process is killed: it may or may not have committed, but never half.
    const inFlight = post(`${first.url}/api/roleplay/sessions/${session.id}/messages`, {
      text: "我們一起規劃你的職業發展。",
    }).catch(() => undefined);
    first.child.kill("SIGKILL");
    await inFlight;

    const second = await start();
    const stored = (await (await fetch(`${second.url}/api/roleplay/sessions/${session.id}`)).json()) as {
      messages: Array<{ role: string; text: string }>;
    };
    const userTexts = stored.messages.filter((message) => message.role === "user").map((message) => message.text);
    expect(userTexts.slice(0, acknowledged.length)).toEqual(acknowledged);
    expect((stored.messages.length - 1) % 2).toBe(0);
    second.child.kill("SIGKILL");
  }, 60_000);
});

describe("a SIGKILL in the middle of a conversation", () => {
  it("loses no acknowledged message, and a turn is stored whole or not at all", async () => {
    const first = await start();
    const rep = (await (await post(`${first.url}/api/reps`, { name: "老張", startDate: "2023-03-01" })).json()) as {
      id: string;
    };
    const conversation = (await (await post(`${first.url}/api/conversations`, { repId: rep.id })).json()) as {
      id: string;
    };
    const acknowledged: string[] = [];
    for (const text of ["老張最近開會都在滑手機，新人問他也不理。", "那如果他直接拒絕呢？"]) {
      const response = await post(`${first.url}/api/conversations/${conversation.id}/messages`, { text });
      expect(response.status).toBe(200);
      acknowledged.push(text);
    }
    const inFlight = post(`${first.url}/api/conversations/${conversation.id}/messages`, {
      text: "我要不要先跟他的主管談？",
    }).catch(() => undefined);
    first.child.kill("SIGKILL");
    await inFlight;

    const second = await start();
    const stored = (await (await fetch(`${second.url}/api/conversations/${conversation.id}`)).json()) as {
      messages: Array<{ role: string; text: string; advice?: unknown }>;
    };
    const asked = stored.messages.filter((message) => message.role === "manager").map((message) => message.text);
    expect(asked.slice(0, acknowledged.length)).toEqual(acknowledged);
    // Manager, coach, manager, coach …: never a question without its answer.
    expect(stored.messages.length % 2).toBe(0);
    stored.messages.forEach((message, index) => {
      expect(message.role).toBe(index % 2 === 0 ? "manager" : "coach");
      if (message.role === "coach") expect(message.advice).toBeDefined();
    });
    second.child.kill("SIGKILL");
  }, 60_000);
});

describe("a SIGKILL right after pitches are scored", () => {
  // The progress store commits without an fsync (synchronous=NORMAL): a killed process must still lose nothing.
  it("loses no acknowledged practice record", async () => {
    const first = await start();
    const pitch = "這款印表機有500張的大紙匣。它比一般機型多裝一倍的紙。所以您的辦公室不用常常加紙。";
    for (let i = 0; i < 3; i++) expect((await post(`${first.url}/api/fabe/score`, { pitch })).status).toBe(200);
    first.child.kill("SIGKILL");

    const second = await start();
    const progress = (await (await fetch(`${second.url}/api/progress`)).json()) as { summary: { drills: number } };
    expect(progress.summary.drills).toBe(3);
    second.child.kill("SIGKILL");
  }, 60_000);
});
