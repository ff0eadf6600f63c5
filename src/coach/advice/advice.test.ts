import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { type AppDeps, createApp } from "../../app.js";
import { toSimplified } from "../../lib/script.js";
import type { Advice } from "./types.js";

let deps: AppDeps;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  deps = await realAppDeps();
  app = createApp(deps);
});

async function post(body: unknown): Promise<Response> {
  return app.request("/api/advice", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
}

async function advise(scenario: string): Promise<Advice> {
  const response = await post({ scenario });
  expect(response.status).toBe(200);
  return (await response.json()) as Advice;
}

/** Every citation names a real chunk, and every quote is verbatim in the chunk its line cites. */
function expectGrounded(advice: Advice): void {
  for (const line of [...advice.steps, ...advice.talkTrack, ...advice.watch]) {
    for (const id of line.citations) expect(deps.corpus.chunk(id), id).toBeDefined();
    if (line.quote)
      expect(line.citations.some((id) => deps.corpus.chunk(id)?.text.includes(line.quote as string))).toBe(true);
  }
}

describe("offline advice", () => {
  it("reads a passive veteran and cites the handbook's passage on veterans' passivity", async () => {
    const advice = await advise("我有個做了三年的老業務,業績還可以,但最近開會都不說話,叫他帶新人也推三阻四,怎麼辦?");
    expect(advice.mode).toBe("offline");
    expect(advice.lang).toBe("zh-Hant");
    expect(advice.diagnosis.tenure?.value).toBe("veteran");
    expect(advice.diagnosis.problems.map((problem) => problem.value)).toContain("attitude");
    expect(advice.steps.length).toBeGreaterThanOrEqual(3);
    expect(advice.steps.length).toBeLessThanOrEqual(7);
    for (const step of advice.steps) expect(step.citations.length).toBeGreaterThan(0);
    expect(advice.citations.map((chunk) => chunk.sectionId)).toContain("4.5.4.2.2");
    expect(advice.talkTrack.length).toBeGreaterThanOrEqual(3);
    expect(advice.watch.length).toBeGreaterThan(0);
    expectGrounded(advice);
  });

  it("answers a Simplified scenario in Simplified, with the handbook's quotes kept verbatim", async () => {
    const advice = await advise("新人太兴奋了,开会话很多,但两个月一单都没开");
    expect(advice.lang).toBe("zh-Hans");
    expect(advice.diagnosis.type?.value).toBe("excitable");
    expect(toSimplified(advice.summary)).toBe(advice.summary);
    for (const step of advice.steps) expect(toSimplified(step.text)).toBe(step.text);
    expectGrounded(advice);
  });

  it("quotes as steps only sentences that stand alone as advice (corpus/sentence-roles.tsv)", async () => {
    const scenarios = [
      "新來的業務每天都不知道要做什麼,時間亂用",
      "老业务做了五年,最近开会都在玩手机,不想带新人",
      "A rep keeps losing customers and blames our prices.",
      "我们月初没单,月底才拼命冲",
    ];
    for (const scenario of scenarios) {
      const advice = await advise(scenario);
      expect(advice.steps.length).toBeGreaterThan(0);
      for (const step of advice.steps) {
        const sentence = deps.corpus.corpus.sentences[step.citations[0] ?? ""]?.find((s) => s.text === step.quote);
        expect(["advice", "reason", "example"]).toContain(sentence?.role);
      }
    }
  });

  it("answers in English with the Chinese quote and its English rendering", async () => {
    const advice = await advise(
      "My new hire is super excited, talks a lot in meetings, but hasn't closed anything in two months.",
    );
    expect(advice.lang).toBe("en");
    expect(advice.diagnosis.type?.value).toBe("excitable");
    // The new rep's growth (4.4.4.*) or first successes (4.5.4.1.*). The excitable type's own passage is quoted only
    // when the trained ranker gives it a fit of `focusFit`: a lower bar for it lost step precision on the writers'
    // scenarios (leave-one-writer-out 0.766 → 0.745), where the type is often misread.
    expect(
      advice.steps.some((step) => step.citations.some((id) => id.startsWith("4.4.4") || id.startsWith("4.5.4.1"))),
    ).toBe(true);
    for (const step of advice.steps) {
      expect(step.quoteEn?.length).toBeGreaterThan(0);
      expect(step.text).toContain(step.quote as string);
    }
    expectGrounded(advice);
  });

  it("abstains on what the handbook does not cover and suggests nearby topics", async () => {
    const advice = await advise("報稅時獎金要怎麼申報才合法?");
    expect(advice.abstained).toBe(true);
    expect(advice.steps).toEqual([]);
    expect(advice.citations).toEqual([]);
    expect(advice.summary).toContain("手冊沒有談到");
  });

  it("validates the request", async () => {
    expect((await post({ scenario: "" })).status).toBe(400);
    expect((await post({ scenario: "x".repeat(4001) })).status).toBe(400);
    expect((await post({ scenario: "hi", lang: "fr" })).status).toBe(400);
    expect((await post({})).status).toBe(400);
  });
});
