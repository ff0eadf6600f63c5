import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const created: string[] = [];

/**
 * A fresh folder under the OS temp dir, removed when the process exits: the eval run builds LanceDB tables
 * in several, and a run should leave /tmp as it found it whichever suite created them.
 */
export function temporaryFolder(prefix: string): string {
  if (created.length === 0) {
    process.once("exit", () => {
      for (const folder of created) rmSync(folder, { recursive: true, force: true });
    });
  }
  const folder = mkdtempSync(join(tmpdir(), prefix));
  created.push(folder);
  return folder;
}
