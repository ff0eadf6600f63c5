import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import { type OpenAIServer, startOpenAIServer } from "../../../test/support/openai-server.js";
import { type AppDeps, createApp } from "../../app.js";
import { OpenAIChatModel } from "../../llm/openai.js";
import type { FabeResult } from "./score-pitch.js";
import { mergeClauses } from "./split.js";

let deps: AppDeps;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  deps = await realAppDeps();
  app = createApp(deps);
});

const score = async (body: unknown) =>
  app.request("/api/fabe/score", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

describe("splitting a pitch into the writer's sentences (docs/fabe-labelling-guide.md §1)", () => {
  const texts = (pitch: string) => deps.fabe.split(pitch).map((span) => span.text);

  it("ends a sentence at 。！？!? and line breaks, never at a comma or a semicolon", () => {
    expect(texts("這套系統有十個廣告位。點擊率是自然排名的三倍!")).toEqual([
      "這套系統有十個廣告位。",
      "點擊率是自然排名的三倍!",
    ]);
    const long =
      "您們門市現在每天要接兩百多通電話，很多客人打不進來就直接掛了，用了400電話以後來電會自動轉到空著的分機，等於每天多接住幾十個客人。";
    expect(texts(long)).toEqual([long]);
    expect(texts("它有兩個鏡頭；夜視十米。您看呢？")).toEqual(["它有兩個鏡頭；夜視十米。", "您看呢？"]);
    expect(texts("It has 2TB. It syncs in 0.3 seconds, which is fast.")).toEqual([
      "It has 2TB.",
      "It syncs in 0.3 seconds, which is fast.",
    ]);
    expect(texts("Dear Ms. Lee, our U.S. team ships in 3.5 days... or less.\nThanks")).toEqual([
      "Dear Ms. Lee, our U.S. team ships in 3.5 days... or less.",
      "Thanks",
    ]);
    expect(texts("boss, kitchen deep clean\nSGD 650 one time\nlet me know")).toEqual([
      "boss, kitchen deep clean",
      "SGD 650 one time",
      "let me know",
    ]);
  });

  it("cuts only a pitch with no sentence-final punctuation at all into clauses, quoting the writer's text", () => {
    const pitch =
      "我们这个企业邮箱是用你们自己的域名的单个附件能发到3G比免费邮箱稳定得多现在深圳有两万多家外贸公司在用";
    const runOn = deps.fabe.split(pitch);
    expect(runOn.length).toBeGreaterThanOrEqual(3);
    for (const span of runOn) {
      expect(pitch.slice(span.start, span.end)).toBe(span.text);
      expect(span.clause).toBe(true);
    }
    expect(deps.fabe.split("我們的主機有四個鏡頭，夜視十米。").every((span) => !span.clause)).toBe(true);
  });

  it("merges a run-on's neighbouring clauses that carry the same element back into one sentence", async () => {
    const pitch = "王老闆您好呀 我們的豆子一公斤680 每週烘每週送 您店裡的拿鐵會更穩定 下週再來拜訪";
    const pieces = deps.fabe.split(pitch);
    const labels = ["other", "F", "F", "B", "other"].map((label) => ({ label }));
    const merged = mergeClauses(pitch, pieces, labels, (first, _second, text) => ({ ...first, text }));
    expect(merged.spans.map((span) => span.text)).toEqual([
      "王老闆您好呀",
      "我們的豆子一公斤680 每週烘每週送",
      "您店裡的拿鐵會更穩定",
      "下週再來拜訪",
    ]);
    // End to end, the writer's text is kept and no two neighbouring clauses keep the same label.
    const result = (await (await score({ pitch })).json()) as FabeResult;
    for (const sentence of result.sentences) expect(pitch).toContain(sentence.text);
    for (let i = 1; i < result.sentences.length; i++)
      expect(result.sentences[i]?.label).not.toBe(result.sentences[i - 1]?.label);
  });
});

describe("the classifier", () => {
  const label = (text: string) => deps.fabe.classify(text).label;
  it("labels each element by the guide's tests", () => {
    expect(label("這套系統包含十個關鍵詞廣告位。")).toBe("F");
    expect(label("點擊率比自然排名高三倍。")).toBe("A");
    expect(label("讓您的客戶一搜就找到您。")).toBe("B");
    expect(label("台中一家同業去年用了三個月,詢價量多了四成。")).toBe("E");
    expect(label("王總您好,謝謝您撥時間。")).toBe("other");
    expect(label("It's twice as fast as the old model.")).toBe("A");
    expect(label("You'll save about two hours a day.")).toBe("B");
    expect(label("ACME switched last year and cut their costs by 12%.")).toBe("E");
  });
});

describe("POST /api/fabe/score", () => {
  it("scores a complete pitch high and finds nothing missing", async () => {
    const response = await score({
      pitch:
        "我們的方案包含十個關鍵詞廣告位,都在搜索結果第一頁。點擊率比自然排名高三倍。讓您的客戶一搜就找到您,詢價單會明顯增加。台中一家同業去年用了三個月,詢價量多了四成。",
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as FabeResult;
    expect(result.sentences.map((sentence) => sentence.label)).toEqual(["F", "A", "B", "E"]);
    expect(result.missing).toEqual([]);
    expect(result.orderOk).toBe(true);
    expect(result.violations).toEqual([]);
    expect(result.score).toBeGreaterThanOrEqual(90);
    expect(result.citations.map((chunk) => chunk.sectionId)).toContain("4.3.2.6");
  });

  it("flags a casual promise and a product-only pitch, with the principle cited", async () => {
    const result = (await (
      await score({
        pitch: "This printer has a 500-sheet tray. It prints 40 pages a minute. I guarantee it never jams.",
      })
    ).json()) as FabeResult;
    expect(result.missing).toContain("B");
    const rules = result.violations.map((violation) => violation.rule);
    expect(rules).toContain("casual-promise");
    expect(rules).toContain("no-customer");
    for (const violation of result.violations) {
      expect(violation.citations.length).toBe(1);
      expect(violation.principle.length).toBeGreaterThan(10);
      expect("This printer has a 500-sheet tray. It prints 40 pages a minute. I guarantee it never jams.").toContain(
        violation.quote,
      );
    }
    expect(result.score).toBeLessThan(50);
    expect(result.rewrite).toContain("[Add a benefit");
  });

  it("fills a missing element from the product card when the product is named", async () => {
    const result = (await (
      await score({ pitch: "我們的搜索E路通基礎版每年1280元,可以上百度。", product: "search-eroad-basic" })
    ).json()) as FabeResult;
    expect(result.product).toBe("search-eroad-basic");
    expect(result.rewrite).toContain("〔產品卡〕");
  });

  it("finds the handbook's own product when the pitch names it, the premium tier by its words", async () => {
    const found = async (pitch: string) => ((await (await score({ pitch })).json()) as FabeResult).product;
    expect(await found("我們的搜索E路通可以讓您的公司排在搜索結果前面。")).toBe("search-eroad-basic");
    expect(await found("我们的搜索E路通进阶版一年五千起,关键词更多。")).toBe("search-eroad-premium");
    expect(await found("Our Search E-Road advanced plan covers twenty keywords.")).toBe("search-eroad-premium");
    // A generic product is not taken for our card of the same kind.
    expect(await found("Our CRM keeps every customer in one place.")).toBeUndefined();
  });

  it("scores a run-on typed with spaces and a Latin word inside (it used to recurse without end)", async () => {
    const pitch =
      "老闆好 我們店家專用的Wi-Fi可以設定營業時間自動擋掉影音網站 比一般分享器整個關掉好用 您的客人還是能上網 下週我過去幫您設定";
    const response = await score({ pitch });
    expect(response.status).toBe(200);
    const result = (await response.json()) as FabeResult;
    expect(
      result.sentences
        .map((sentence) => sentence.text)
        .join("")
        .replace(/\s/g, ""),
    ).toBe(pitch.replace(/\s/g, ""));
  });

  it("rejects bad requests clearly", async () => {
    expect((await score({ pitch: "" })).status).toBe(400);
    expect((await score({ pitch: "x".repeat(4001) })).status).toBe(400);
    expect((await score({ pitch: "hello", product: "" })).status).toBe(400);
    expect((await score({ pitch: "hello", product: "x".repeat(101) })).status).toBe(400);
  });

  it("takes the rep's own product as free text: named in the feedback and in the rewrite's blanks, never a 400", async () => {
    const response = await score({
      pitch: "我們的系統可以自動同步客戶資料。您的業務每天能省下一小時。",
      product: "雲端CRM軟體",
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as FabeResult;
    expect(result.ownProduct).toBe(true);
    expect(result.productName).toBe("雲端CRM軟體");
    expect(result.product).toBeUndefined();
    expect(result.feedback.some((line) => line.text.includes("雲端CRM軟體"))).toBe(true);
    expect(result.missing).toContain("E");
    expect(result.rewrite).toContain("雲端CRM軟體的真實案例");
    expect(result.rewrite).not.toContain("〔產品卡〕");
  });

  it("reads a card's alias in product as that card", async () => {
    const result = (await (
      await score({ pitch: "我們的方案很好。", product: "搜索E路通進階版" })
    ).json()) as FabeResult;
    expect(result.product).toBe("search-eroad-premium");
    expect(result.ownProduct).toBeUndefined();
  });
});

describe("GET /api/fabe/drills", () => {
  it("lists practice prompts, filtered by language", async () => {
    const all = (await (await app.request("/api/fabe/drills")).json()) as Array<{
      lang: string;
      product: string;
      productName: string;
    }>;
    expect(all.length).toBeGreaterThanOrEqual(18);
    const english = (await (await app.request("/api/fabe/drills?lang=en")).json()) as Array<{
      lang: string;
      productName: string;
    }>;
    expect(english.every((drill) => drill.lang === "en" && drill.productName)).toBe(true);
    expect((await app.request("/api/fabe/drills?lang=fr")).status).toBe(400);
  });
});

describe("FABE in llm mode", () => {
  let server: OpenAIServer;
  let llmApp: ReturnType<typeof createApp>;
  beforeAll(async () => {
    server = await startOpenAIServer();
    llmApp = createApp(
      await realAppDeps({ model: new OpenAIChatModel({ baseUrl: server.url, model: "t", timeoutMs: 400 }) }),
    );
  });
  afterAll(() => server.close());
  const post = (pitch: string) =>
    llmApp.request("/api/fabe/score", {
      method: "POST",
      body: JSON.stringify({ pitch }),
      headers: { "content-type": "application/json" },
    });

  it("uses the model's labels when they validate", async () => {
    server.script({ kind: "json", content: JSON.stringify({ labels: ["F", "E"] }) });
    const result = (await (await post("It has a 4K camera. Three schools already use it.")).json()) as FabeResult;
    expect(result.mode).toBe("llm");
    expect(result.sentences.map((sentence) => sentence.label)).toEqual(["F", "E"]);
  });

  it("still finds violations with the offline violation model when the model labels the sentences", async () => {
    server.script({ kind: "json", content: JSON.stringify({ labels: ["F", "B"] }) });
    const result = (await (
      await post("It has a 4K camera. I guarantee your break-ins drop to zero, one hundred percent.")
    ).json()) as FabeResult;
    expect(result.mode).toBe("llm");
    const promise = result.violations.find((violation) => violation.rule === "casual-promise");
    expect(promise?.quote).toBe("I guarantee your break-ins drop to zero, one hundred percent.");
    expect(promise?.principle).toContain("casual promises");
    expect(result.violations.map((violation) => violation.rule)).not.toContain("no-customer");
  });

  it("falls back to the offline labels on invalid output or a provider failure", async () => {
    server.script({ kind: "json", content: JSON.stringify({ labels: ["F"] }) });
    const wrongLength = (await (await post("It has a 4K camera. Three schools already use it.")).json()) as FabeResult;
    expect(wrongLength.mode).toBe("offline");
    expect(wrongLength.fallback).toBe("invalid_model_output");
    server.script({ kind: "status", status: 503 });
    const down = (await (await post("It has a 4K camera.")).json()) as FabeResult;
    expect(down.fallback).toBe("provider_error");
  });
});
