import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The command `npm start` runs (package.json's start script: node, its V8 flags, dist/server.js), so the bench
 * measures what users run. npm's own process is left out: it is the launcher's, and a service manager runs node.
 */
export function startCommand(): string[] {
  const manifest = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as { scripts: Record<string, string> };
  const scripts = manifest.scripts;
  const [program, ...args] = (scripts.start ?? "").trim().split(/\s+/);
  if (program !== "node") throw new Error(`the start script must run node, not: ${scripts.start}`);
  return args;
}

/**
 * Starts the compiled Node server as `npm start` does (build it first: `npm run build`) on a free port;
 * resolves once it prints its URL. Measuring the tsx start would measure the TypeScript compiler too.
 */
export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, startCommand(), {
      cwd: root,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1].replace("localhost", "127.0.0.1") });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** Stops a server started here and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
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
    await stopServer(child);
  }
}

/**
 * Resident memory of a child and all its descendants, from /proc (Linux; the bench machines and CI are
 * Linux): a server started through npm or tsx is several processes, and each one costs memory.
 */
export function rssMiB(child: ChildProcess): number {
  const pids = descendants(child.pid as number);
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended between the listing and the read: it holds no memory any more.
    }
  }
  return kib / 1024;
}

function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so split after ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(name)]);
    } catch {
      // Gone already.
    }
  }
  const found = [pid];
  for (let i = 0; i < found.length; i++) found.push(...(parents.get(found[i] as number) ?? []));
  return found;
}
