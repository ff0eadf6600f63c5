import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleClient } from "./bundle-client.js";

const scratch = mkdtempSync(join(tmpdir(), "coach-bundle-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("bundleClient", () => {
  it("bundles the client into one small script that parses, with none of the server in it", async () => {
    const script = await bundleClient();
    expect(script.length).toBeLessThan(60_000);
    expect(() => new Function(script)).not.toThrow();
    for (const serverWord of ["node:", "better-sqlite3", "zod", "AppError", "process.env"]) {
      expect(script).not.toContain(serverWord);
    }
  });

  it("refuses a client that imports a value from outside its folder", async () => {
    const client = join(scratch, "client");
    mkdirSync(client, { recursive: true });
    writeFileSync(join(scratch, "server.ts"), "export const secret = 'server code';\n");
    writeFileSync(join(client, "main.ts"), "import { secret } from '../server.js';\nconsole.log(secret);\n");
    await expect(bundleClient(join(client, "main.ts"))).rejects.toThrow(/import only types/);
  });

  it("accepts a type-only import from outside its folder (erased from the bundle)", async () => {
    const client = join(scratch, "typed");
    mkdirSync(client, { recursive: true });
    writeFileSync(join(scratch, "types.ts"), "export interface Answer { text: string }\n");
    writeFileSync(
      join(client, "main.ts"),
      "import type { Answer } from '../types.js';\nconst a: Answer = { text: 'ok' };\nconsole.log(a.text);\n",
    );
    expect(await bundleClient(join(client, "main.ts"))).toContain("ok");
  });
});
