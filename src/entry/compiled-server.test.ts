import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../scripts/build-server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
// At dist/'s depth in the checkout, as `npm run build` puts it (git-ignored): a path the bundle resolves relative
// to itself is then as wrong or right as in dist/.
const outdir = join(root, `.compiled-test-${process.pid}`);
const dataDir = mkdtempSync(join(root, ".data", "compiled-data-"));
let server: ChildProcess | undefined;
let url = "";

beforeAll(async () => {
  await buildServer(root, outdir);
  server = spawn(process.execPath, [join(outdir, "server.js")], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", COACH_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /on (http:\/\/localhost:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    server?.stdout?.on("data", onData);
    server?.stderr?.on("data", onData);
    server?.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}, 60_000);

afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the compiled server (npm start)", () => {
  it("serves the API, the sessions database, the page and the API reference from dist/", async () => {
    expect(((await (await fetch(`${url}/api/health`)).json()) as { status: string }).status).toBe("ok");
    const created = await fetch(`${url}/api/roleplay/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ persona: "passive-veteran" }),
    });
    expect(created.status).toBe(201);
    const page = await fetch(`${url}/assets/app.js`);
    expect(page.status).toBe(200);
    expect((await page.text()).length).toBeGreaterThan(5000);
    expect((await fetch(`${url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    // The page's script was bundled at build time: no esbuild service process runs beside the server.
    const children = readFileSync(`/proc/${server?.pid}/task/${server?.pid}/children`, "utf8").trim();
    expect(children).toBe("");
    const advice = await fetch(`${url}/api/advice`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "新人不會開發客戶怎麼辦" }),
    });
    expect(advice.status).toBe(200);
  });
});
