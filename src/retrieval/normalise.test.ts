import { describe, expect, it } from "vitest";
import { toTraditional } from "../lib/script.js";
import { Glossary } from "./glossary.js";
import { Lexicon } from "./lexicon.js";
import { readLexiconFiles } from "./lexicon-files.js";
import { detectLanguage, normaliseQuery } from "./normalise.js";
import { parseDialects } from "./offline-parts.js";

const glossary = new Glossary(
  [
    {
      id: "veteran-passivity",
      label: {
        "zh-Hant": "克服老員工的消極心態",
        "zh-Hans": "克服老员工的消极心态",
        en: "Overcoming a veteran's passivity",
      },
      handbook: ["消極心態", "老員工"],
      zh: ["老油條", "没干劲"],
      en: ["checked out", "veteran"],
    },
  ],
  toTraditional,
);
const lexicon = new Lexicon(
  "from\tto\tnote\n業務\t商務代表\tTaiwan\nsalesperson\tsales rep\t\n",
  "term\ttopic\nCRM\tsoftware\n報稅\ttax\n",
  toTraditional,
);
const deps = { glossary, lexicon, toTraditional, repairs: [{ spun: "治理", original: "管理" }] };

describe("detectLanguage", () => {
  it("tells Traditional, Simplified and English apart", () => {
    expect(detectLanguage("我那個老員工整天很消極", toTraditional)).toBe("zh-Hant");
    expect(detectLanguage("新人太兴奋了静不下来", toTraditional)).toBe("zh-Hans");
    expect(detectLanguage("my veteran rep has checked out", toTraditional)).toBe("en");
    expect(detectLanguage("FABE 怎麼用", toTraditional)).toBe("zh-Hant");
  });

  it("keeps Traditional text Traditional when one of its characters also converts (台 → 臺)", () => {
    expect(detectLanguage("這台打印機月租三百，包碳粉和維修。", toTraditional)).toBe("zh-Hant");
    expect(detectLanguage("这台打印机月租三百", toTraditional)).toBe("zh-Hans");
  });
});

describe("normaliseQuery", () => {
  it("converts Simplified to Traditional and finds concepts through colloquial forms", () => {
    const query = normaliseQuery("这个老员工没干劲", deps);
    expect(query.lang).toBe("zh-Hans");
    expect(query.normalized).toBe("這個老員工沒幹勁");
    expect(query.concepts).toEqual(["veteran-passivity"]);
    expect(query.zh).toContain("消極心態");
  });

  it("maps English phrasing onto the same concept and expands it into handbook terms", () => {
    const query = normaliseQuery("My best salesperson has checked out", deps);
    expect(query.lang).toBe("en");
    expect(query.concepts).toEqual(["veteran-passivity"]);
    expect(query.expansion).toContain("sales rep");
    expect(query.zh).toContain("老員工");
  });

  it("repairs a pasted spun word, expands everyday words, and flags uncovered topics", () => {
    const query = normaliseQuery("業務不會治理客戶,要不要買CRM", deps);
    expect(query.normalized).toContain("管理");
    expect(query.expansion).toContain("商務代表");
    expect(query.outOfScope).toEqual(["CRM"]);
  });

  it("honours an explicit language", () => {
    expect(normaliseQuery("FABE", deps, "zh-Hans").lang).toBe("zh-Hans");
  });
});

describe("uncovered topics", () => {
  it("are matched without stemming: a lost account is not accounting", async () => {
    const files = await readLexiconFiles(new URL("../../corpus", import.meta.url).pathname);
    const lexicon = new Lexicon(files.thesaurusTsv, files.outOfScopeTsv, toTraditional);
    expect(lexicon.outOfScopeTerms("the team's mood is low after we lost a big account")).toEqual([]);
    expect(lexicon.outOfScopeTerms("who should do our accounting next year")).toEqual(["accounting"]);
    expect(lexicon.outOfScopeTerms("which lawyers handle non-competes")).toContain("non-compete");
  });
});

describe("written Cantonese", () => {
  it("is read as standard written Chinese, without touching the same characters inside standard words", async () => {
    const files = await readLexiconFiles(new URL("../../corpus", import.meta.url).pathname);
    const withCantonese = { ...deps, repairs: [...deps.repairs, ...parseDialects(files.dialectsTsv)] };
    expect(normaliseQuery("佢係新人,成日唔肯打電話俾客,點算?", withCantonese).normalized).toBe(
      "他是新人,整天不肯打電話給客,怎麼辦?",
    );
    // 係 stays in 關係 and 沒關係: only its Cantonese pairs (佢係, 唔係 …) are listed.
    expect(normaliseQuery("跟客戶的關係很好", withCantonese).normalized).toBe("跟客戶的關係很好");
  });
});
