import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { realAppDeps } from "../../../test/support/app-deps.js";
import type { AppDeps } from "../../app.js";
import { toTraditional } from "../../lib/script.js";
import { FabeCues } from "./cues.js";
import { readFabeFiles } from "./fabe-files.js";
import { FabeSettingsSchema } from "./fabe-settings.js";
import { FabeFeedbackSchema } from "./feedback-data.js";
import { LinearModel, LinearModelSchema } from "./linear-model.js";
import { customerNamer, ViolationFinder } from "./violations.js";

let deps: AppDeps;
beforeAll(async () => {
  deps = await realAppDeps();
});
const rules = (pitch: string) => deps.fabe.offline(pitch).violations.map((violation) => violation.rule);

describe("selling-principle violations, judged on the whole pitch", () => {
  it("finds bragging and a delayed order, each quoting the rep's sentence and citing the handbook's words", () => {
    const bragging = deps.fabe.offline(
      "我們的監視器有四個鏡頭。我做這行十五年了，全台北沒有我搞不定的店。您的店晚上也看得清清楚楚。",
    );
    const found = bragging.violations.find((violation) => violation.rule === "bragging");
    expect(found?.quote).toBe("我做這行十五年了，全台北沒有我搞不定的店。");
    expect(found?.principle).toContain("切勿自吹自擂");
    expect(found?.citations[0]).toMatch(/^4\.3\.1\.2-/);
    const delaying = deps.fabe.offline(
      "You said you'd like to start this week. No rush though, think it over for a month or two and get back to me.",
    );
    const late = delaying.violations.find((violation) => violation.rule === "delaying-order");
    expect(late?.principle).toContain("signed today");
    expect(late?.citations[0]).toMatch(/^4\.3\.2\.4-/);
  });

  it("flags no-customer only when nothing in the pitch speaks to the customer", () => {
    expect(rules("雲端POS月租990，含發票機和掃碼槍。")).toContain("no-customer");
    expect(rules("Our label printer prints 40 labels a minute. It costs $299.")).toContain("no-customer");
    // A lone feature sentence in a pitch about the customer's shop is not a violation.
    expect(
      rules("王老闆，您上次說週末結帳排隊很久。雲端POS月租990，含發票機和掃碼槍。您的客人結帳不用再排隊。"),
    ).not.toContain("no-customer");
    expect(rules("Your team said month-end takes a week. It costs $99 a month.")).not.toContain("no-customer");
    // Opening by a title or a greeting before a name speaks to the customer, as the training writers judge it.
    expect(rules("罗工：HK2016滚针轴承单价3.2元，1000只起订，交期10天。")).not.toContain("no-customer");
    expect(rules("Mrs Okafor, the timetabling module is £1.20 per pupil per year.")).not.toContain("no-customer");
  });

  it("quotes the whole pitch for no-customer, and the sentence for the others", () => {
    const pitch = "  這款印表機一分鐘印四十張。我保證它十年都不會卡紙。  ";
    const result = deps.fabe.offline(pitch);
    expect(result.violations.find((violation) => violation.rule === "no-customer")?.quote).toBe(pitch.trim());
    expect(result.violations.find((violation) => violation.rule === "casual-promise")?.quote).toBe(
      "我保證它十年都不會卡紙。",
    );
  });
});

describe("a pitch about another product than the drill's", () => {
  it("gets a note and a capped score, whether it names another card or none of this card's things", () => {
    const flowers = deps.fabe.offline(
      "我們花店的母親節花束一束888元，全部是當天進的康乃馨。比超市的花新鮮很多。您送媽媽的花可以多放一週。",
      "crm-subscription",
    );
    expect(flowers.offProduct).toBe(true);
    expect(flowers.score).toBeLessThanOrEqual(50);
    expect(flowers.feedback[0]?.text).toContain("CRM");
    const database = deps.fabe.offline(
      "我们的商业信息数据库有三百万家企业资料。您的业务员每天能多找到几十个潜在客户。",
      "search-eroad-basic",
    );
    expect(database.offProduct).toBe(true);
    expect(database.feedback[0]?.text).toContain("商业信息数据库");
  });

  it("leaves a pitch about the drill's product alone", () => {
    const crm = deps.fabe.offline(
      "我們的CRM按年訂閱，客戶資料、跟進紀錄都在一個地方。業務離職客戶也不會帶走。您的團隊每月能多跟進兩成客戶。",
      "crm-subscription",
    );
    expect(crm.offProduct).toBeUndefined();
    expect(deps.fabe.offline("Our CRM keeps every customer in one place.").offProduct).toBeUndefined();
  });
});

describe("no-customer and a sentence the labeller finds likely a Benefit", () => {
  it("counts a gain told to the reader without naming them as speaking to them, at benefitAt and above", async () => {
    const files = await readFabeFiles(fileURLToPath(new URL("../../..", import.meta.url)));
    const settings = FabeSettingsSchema.parse(files.settingsJson);
    const finder = (benefitAt: number) =>
      new ViolationFinder(
        new FabeCues(files.cuesJson, toTraditional),
        FabeFeedbackSchema.parse(files.feedbackJson).violations,
        deps.corpus,
        { ...settings.violations, addressed: { ...settings.violations.addressed, benefitAt } },
      );
    const pieces = (benefit: number) => [
      { text: "氣炸鍋五公升，一鍵十種料理。", features: undefined, benefit: 0.05 },
      { text: "下班回家十分鐘就能開飯。", features: undefined, benefit },
    ];
    const flagged = (benefitAt: number, benefit: number) =>
      finder(benefitAt)
        .find({
          pitch: "氣炸鍋五公升，一鍵十種料理。下班回家十分鐘就能開飯。",
          pieces: pieces(benefit),
          sentences: pieces(benefit).map((piece) => ({ text: piece.text, label: "F" as const, cues: [] })),
          addresses: () => false,
          lang: "zh-Hant",
        })
        .map((violation) => violation.rule);
    expect(flagged(0.35, 0.6)).not.toContain("no-customer");
    expect(flagged(0.35, 0.2)).toContain("no-customer");
    expect(flagged(0, 0.6)).toContain("no-customer");
  });
});

describe("no-customer with the addressed model learned from whole pitches", () => {
  // A stand-in for prompts/fabe-model.json `addressed`: one word speaks to the customer, the rest does not.
  const addressed = new LinearModel(
    LinearModelSchema.parse({
      labels: ["no", "addressed"],
      scale: 100,
      bias: [0, -300],
      features: ["zh:接龍"],
      weights: [0, 600],
    }),
  );
  const finder = async (learnedAt: number, ruleGate: number) => {
    const files = await readFabeFiles(fileURLToPath(new URL("../../..", import.meta.url)));
    const settings = FabeSettingsSchema.parse(files.settingsJson);
    return new ViolationFinder(
      new FabeCues(files.cuesJson, toTraditional),
      FabeFeedbackSchema.parse(files.feedbackJson).violations,
      deps.corpus,
      { ...settings.violations, addressed: { ...settings.violations.addressed, benefitAt: 0, learnedAt, ruleGate } },
      undefined,
      addressed,
    );
  };
  const flagged = async (learnedAt: number, ruleGate: number, words: string[], addresses = false) =>
    (await finder(learnedAt, ruleGate))
      .find({
        pitch: "冬儲大蔥十斤二十五元。需要的接龍。",
        pieces: [
          { text: "冬儲大蔥十斤二十五元。", features: new Map([["zh:大蔥", 1]]) },
          { text: "需要的接龍。", features: new Map(words.map((word) => [word, 1])) },
        ],
        sentences: [
          { text: "冬儲大蔥十斤二十五元。", label: "F" as const, cues: [] },
          { text: "需要的接龍。", label: "other" as const, cues: [] },
        ],
        addresses: () => addresses,
        lang: "zh-Hant",
      })
      .some((violation) => violation.rule === "no-customer");

  it("spares a pitch the model finds speaks to the reader, and flags one where it finds nobody", async () => {
    expect(await flagged(0.5, 0, ["zh:接龍"])).toBe(false);
    expect(await flagged(0.5, 0, ["zh:需要"])).toBe(true);
    // Off (learnedAt 0): the rules alone, which see nobody addressed in either.
    expect(await flagged(0, 0, ["zh:接龍"])).toBe(true);
  });

  it("with the rules as a gate, never flags a pitch the rules see addressed, whatever the model says", async () => {
    expect(await flagged(0.5, 1, ["zh:需要"], true)).toBe(false);
    expect(await flagged(0.5, 1, ["zh:需要"])).toBe(true);
    expect(await flagged(0.5, 1, ["zh:接龍"])).toBe(false);
  });
});

describe("what names the customer at a sentence's start", () => {
  it("takes a letter's salutation that names its addressee, not one to any customer", async () => {
    const files = await readFabeFiles(fileURLToPath(new URL("../../..", import.meta.url)));
    const names = customerNamer(FabeSettingsSchema.parse(files.settingsJson).violations.addressed);
    for (const opening of [
      "尊敬的某某市公共资源交易中心：",
      "○○飲料股份有限公司　物流課　鈞鑒：",
      "王總，您好",
      "Dear Mr. Morrow,",
    ])
      expect(names.test(opening), opening).toBe(true);
    for (const opening of ["尊敬的客戶：", "尊敬的各位家长：", "Dear Sir or Madam,", "本公司謹推薦棧板租賃服務。"])
      expect(names.test(opening), opening).toBe(false);
  });
});
