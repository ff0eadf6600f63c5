import { readdirSync, readFileSync } from "node:fs";
import type { Lang } from "../../src/retrieval/types.js";

/**
 * The inputs whose model requests are recorded (evals/fixtures/llm/): 41 advice scenarios (one of which the handbook
 * does not cover: no request), 30 pitches, 20 role-play
 * turns and 12 conversation follow-ups, in the three languages, all from the tuning writers (never a blind set),
 * picked at an even stride so that every writer and style is in, in a fixed order.
 */
export interface LlmCases {
  advice: Array<{ id: string; lang: Lang; scenario: string }>;
  fabe: Array<{ id: string; lang: Lang; pitch: string }>;
  roleplay: Array<{ id: string; lang: Lang; persona: string; text: string }>;
  chat: Array<{ id: string; lang: Lang; first: string; followUp: string }>;
}

const root = new URL("../", import.meta.url);
const LANGS: readonly Lang[] = ["zh-Hant", "zh-Hans", "en"];

function lines<T>(url: URL): T[] {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

function folder<T>(path: string, pattern: RegExp): T[] {
  const url = new URL(path, root);
  return readdirSync(url)
    .filter((name) => pattern.test(name))
    .sort()
    .flatMap((name) => lines<T>(new URL(name, url)));
}

/** `count` items spread evenly over each language's list (as equal a share per language as `count` allows). */
function perLanguage<T extends { lang: Lang }>(items: readonly T[], count: number): T[] {
  return LANGS.flatMap((lang, index) => {
    const ofLang = items.filter((item) => item.lang === lang);
    const share = Math.floor(count / LANGS.length) + (index < count % LANGS.length ? 1 : 0);
    const stride = ofLang.length / share;
    return Array.from({ length: share }, (_unused, k) => ofLang[Math.floor(k * stride)] as T);
  });
}

export function llmCases(): LlmCases {
  const scenarios = folder<{ id: string; lang: Lang; scope: string; scenario: string }>(
    "advice/writers/",
    /^aw\d+\.jsonl$/,
  ).filter((item) => item.scope === "in");
  const pitches = folder<{ id: string; lang: Lang; pitch: string }>("fabe/writers/", /^\d+\.jsonl$/);
  const scripts = lines<{ id: string; persona: string; lang: Lang; turns: string[] }>(new URL("roleplay.jsonl", root));
  const conversations = folder<{ id: string; lang: Lang; turns: Array<{ text: string }> }>(
    "chat/writers/",
    /^cw\d+\.jsonl$/,
  );
  return {
    advice: perLanguage(scenarios, 41).map(({ id, lang, scenario }) => ({ id, lang, scenario })),
    fabe: perLanguage(pitches, 30).map(({ id, lang, pitch }) => ({ id, lang, pitch })),
    // The first turn of a scripted session: its request holds only the persona's opening line, so it is the same on
    // every run whatever the model answered before.
    roleplay: perLanguage(scripts, 20).map(({ id, lang, persona, turns }) => ({
      id,
      lang,
      persona,
      text: turns[0] as string,
    })),
    chat: perLanguage(conversations, 12).map(({ id, lang, turns }) => ({
      id,
      lang,
      first: turns[0]?.text as string,
      followUp: turns[1]?.text as string,
    })),
  };
}
