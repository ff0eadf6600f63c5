import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Starts the real Node entry (as `npm start` does) on a free port; resolves once it prints its URL. */
export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LANCEDB_LOG: "error", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (data: Buffer) => {
      output += data.toString();
      const match = /on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1].replace("localhost", "127.0.0.1") });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** Milliseconds from spawning the server to its first answered /api/health. */
export async function coldStart(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const { child, url } = await startServer(env);
  try {
    const response = await fetch(`${url}/api/health`);
    if (response.status !== 200) throw new Error(`health answered ${response.status}`);
    return performance.now() - started;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

/** A child's resident memory, from /proc (Linux; the bench machines and CI are Linux). */
export function rssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
