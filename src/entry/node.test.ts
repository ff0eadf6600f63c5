import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Every server started, so none outlives the run (each test starts its own).
const servers: ChildProcess[] = [];

afterAll(() => {
  for (const server of servers) server.kill("SIGTERM");
});

/** Starts the real Node entry, as `npm start` does, and resolves with the URL it prints. */
function start(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    servers.push(server);
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe("the Node entry", () => {
  it("serves the API on the port it is given", async () => {
    const url = await start({ PORT: "0", HOST: "127.0.0.1" });
    const health = (await (await fetch(`${url}/api/health`)).json()) as {
      status: string;
      mode: string;
      corpus: { chunks: number };
    };
    expect(health.status).toBe("ok");
    expect(health.mode).toBe("offline");
    expect(health.corpus.chunks).toBeGreaterThan(0);
    const missing = await fetch(`${url}/api/corpus/chunks/nope`);
    expect(missing.status).toBe(404);
  });

  it("refuses a bad environment with a message naming the variable", async () => {
    await expect(start({ PORT: "not-a-port" })).rejects.toThrow(/PORT/);
  });
});
