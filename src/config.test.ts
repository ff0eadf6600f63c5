import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("defaults to offline mode on port 8787", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("offline");
    expect(config.port).toBe(8787);
    expect(config.dataDir).toBe(".data");
  });

  it("switches to llm mode when a key or a base URL is set", () => {
    expect(loadConfig({ OPENAI_API_KEY: "sk-test" }).mode).toBe("llm");
    expect(loadConfig({ COACH_LLM_BASE_URL: "http://127.0.0.1:11434/v1" }).mode).toBe("llm");
    expect(loadConfig({ COACH_LLM_BASE_URL: "" }).mode).toBe("offline");
  });

  it("names the variable to fix", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ COACH_LLM_BASE_URL: "not a url" })).toThrow(/COACH_LLM_BASE_URL/);
  });
});
