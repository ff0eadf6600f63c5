import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addPlaybook, MAX_PLAYBOOK_BYTES, removePlaybook } from "./add-playbook.js";

const work = mkdtempSync(join(tmpdir(), "coach-playbook-"));
const folder = join(work, "playbooks");
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const listed = () => readdirSync(folder).filter((name) => !name.startsWith("."));

describe("add-playbook", () => {
  it("copies a valid file byte for byte under an id-safe name", async () => {
    const source = file(
      "Onboarding Guide (v2).md",
      "# Onboarding\n\nPair every new rep with a veteran for the first week.\n",
    );
    const info = await addPlaybook(folder, source);
    expect(info).toMatchObject({ id: "pb-onboarding-guide-v2", chunks: 1, lang: "en" });
    expect(readFileSync(join(folder, "onboarding-guide-v2.md")).equals(readFileSync(source))).toBe(true);
  });

  it("refuses to overwrite unless told to, then replaces", async () => {
    const source = file("onboarding.md", "# Onboarding\n\nFirst version.\n");
    await addPlaybook(folder, source, { name: "team" });
    await expect(addPlaybook(folder, source, { name: "team" })).rejects.toThrow(/already exists.*--replace/);
    file("onboarding.md", "# Onboarding\n\nSecond version.\n");
    await addPlaybook(folder, source, { name: "team", replace: true });
    expect(readFileSync(join(folder, "team.md"), "utf8")).toContain("Second version.");
  });

  it.each([
    ["a wrong type", () => file("slides.pdf", "%PDF-1.4"), /Markdown .* or plain text/],
    ["invalid UTF-8", () => file("bad.txt", Buffer.from([0x41, 0xff, 0xfe, 0x42])), /not valid UTF-8/],
    ["binary content", () => file("nul.txt", "text\u0000more"), /binary/],
    ["nothing to index", () => file("empty.md", "# \n\n---\n"), /no text to index/],
    ["an oversized file", () => file("huge.txt", "字".repeat(MAX_PLAYBOOK_BYTES / 3 + 10)), /over the .*limit/],
  ])("refuses %s and writes nothing", async (_, make, message) => {
    const before = listed();
    await expect(addPlaybook(folder, make())).rejects.toThrow(message);
    expect(listed()).toEqual(before);
  });

  it("refuses a name that is not id-safe", async () => {
    await expect(addPlaybook(folder, file("ok.md", "Some text here."), { name: "../escape" })).rejects.toThrow(
      /lower-case/,
    );
  });

  it("gives a Chinese file name an id from its content", async () => {
    const info = await addPlaybook(folder, file("新人培訓.txt", "新人第一週先跟老員工一起拜訪客戶。"));
    expect(info.id).toMatch(/^pb-playbook-[0-9a-f]{8}$/);
    expect(info.lang).toBe("zh");
  });

  it("removes by id or by stem, and says when there is nothing to remove", async () => {
    expect(await removePlaybook(folder, "pb-team")).toEqual(["team.md"]);
    await expect(removePlaybook(folder, "team")).rejects.toThrow(/no playbook/);
    await expect(removePlaybook(folder, "../../etc")).rejects.toThrow(/no playbook/);
  });
});
