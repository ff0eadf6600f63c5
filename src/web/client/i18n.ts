import type { Lang } from "../../retrieval/types.js";

/**
 * The interface strings in the three languages. They live in the client so that switching language needs no
 * round trip. A key missing in a language shows as the key itself (English state names such as `trust`).
 */
const STRINGS: Record<Lang, Record<string, string>> = {
  "zh-Hant": {
    skip: "跳到內容",
    lang: "語言",
    close: "關閉",
    "nav.coach": "經理教練",
    "nav.roleplay": "角色扮演",
    "nav.drill": "FABE 練習",
    coachTitle: "描述你遇到的情況",
    coachLabel: "情況",
    coachPlaceholder: "例如:我有個做了三年的老業務,最近開會都不說話……",
    ask: "取得建議",
    token: "請輸入存取權杖(管理員提供):",
    thinking: "正在依手冊整理建議……",
    steps: "建議步驟",
    talk: "談話要點",
    watch: "之後觀察",
    copy: "複製談話要點",
    copied: "已複製",
    abstained: "手冊沒有涵蓋這個問題",
    diagnosis: "判讀",
    citation: "出處",
    personas: "選一個角色練習",
    start: "開始",
    yourTurn: "你要說的話",
    send: "送出",
    hint: "提示",
    end: "結束並檢討",
    newSession: "換一個角色",
    noHint: "目前沒有提示:照手冊的溝通步驟,先問、再聽。",
    debrief: "檢討",
    met: "做到",
    missed: "沒做到",
    ended: "對話已結束",
    drills: "練習題",
    drillPick: "選一題(可不選)",
    pitchLabel: "你的說法",
    score: "評分",
    missing: "缺少",
    none: "無",
    violations: "違反的推銷原則",
    rewrite: "建議改寫",
    feedback: "回饋",
    pitchPlaceholder: "寫下你會對客戶說的話……",
    F: "特徵",
    A: "優點",
    B: "利益",
    E: "證據",
    other: "其他",
    error: "出了點問題:",
    "manager-rep": "經理練習帶人",
    "rep-customer": "業務練習銷售",
    trust: "信任",
    willingness: "意願",
    interest: "興趣",
    patience: "耐心",
    confidence: "信心",
    realism: "務實",
    drive: "幹勁",
    openness: "開放",
    attitude: "態度",
  },
  "zh-Hans": {
    skip: "跳到内容",
    lang: "语言",
    close: "关闭",
    "nav.coach": "经理教练",
    "nav.roleplay": "角色扮演",
    "nav.drill": "FABE 练习",
    coachTitle: "描述你遇到的情况",
    coachLabel: "情况",
    coachPlaceholder: "例如:我有个做了三年的老业务,最近开会都不说话……",
    ask: "获取建议",
    token: "请输入访问令牌(管理员提供):",
    thinking: "正在依手册整理建议……",
    steps: "建议步骤",
    talk: "谈话要点",
    watch: "之后观察",
    copy: "复制谈话要点",
    copied: "已复制",
    abstained: "手册没有涵盖这个问题",
    diagnosis: "判读",
    citation: "出处",
    personas: "选一个角色练习",
    start: "开始",
    yourTurn: "你要说的话",
    send: "发送",
    hint: "提示",
    end: "结束并复盘",
    newSession: "换一个角色",
    noHint: "目前没有提示:照手册的沟通步骤,先问、再听。",
    debrief: "复盘",
    met: "做到",
    missed: "没做到",
    ended: "对话已结束",
    drills: "练习题",
    drillPick: "选一题(可不选)",
    pitchLabel: "你的说法",
    score: "评分",
    missing: "缺少",
    none: "无",
    violations: "违反的推销原则",
    rewrite: "建议改写",
    feedback: "反馈",
    pitchPlaceholder: "写下你会对客户说的话……",
    F: "特征",
    A: "优点",
    B: "利益",
    E: "证据",
    other: "其他",
    error: "出了点问题:",
    "manager-rep": "经理练习带人",
    "rep-customer": "业务练习销售",
    trust: "信任",
    willingness: "意愿",
    interest: "兴趣",
    patience: "耐心",
    confidence: "信心",
    realism: "务实",
    drive: "干劲",
    openness: "开放",
    attitude: "态度",
  },
  en: {
    skip: "Skip to content",
    lang: "Language",
    close: "Close",
    "nav.coach": "Manager coach",
    "nav.roleplay": "Role-play",
    "nav.drill": "FABE drill",
    coachTitle: "Describe the situation",
    coachLabel: "Situation",
    coachPlaceholder: "e.g. My veteran rep has gone quiet in meetings…",
    ask: "Get advice",
    token: "Enter your access token (from your administrator):",
    thinking: "Working through the handbook…",
    steps: "Steps",
    talk: "Talk track",
    watch: "Watch",
    copy: "Copy talk track",
    copied: "Copied",
    abstained: "The handbook does not cover this",
    diagnosis: "Reading",
    citation: "Source",
    personas: "Pick someone to practise with",
    start: "Start",
    yourTurn: "What you say",
    send: "Send",
    hint: "Hint",
    end: "End and debrief",
    newSession: "Pick another",
    noHint: "No hint yet: follow the handbook's steps — ask first, then listen.",
    debrief: "Debrief",
    met: "Met",
    missed: "Missed",
    ended: "The conversation has ended",
    drills: "Drill",
    drillPick: "Pick a drill (optional)",
    pitchLabel: "Your pitch",
    score: "Score",
    missing: "Missing",
    none: "none",
    violations: "Selling principles broken",
    rewrite: "Suggested rewrite",
    feedback: "Feedback",
    pitchPlaceholder: "Write what you would say to the customer…",
    F: "Feature",
    A: "Advantage",
    B: "Benefit",
    E: "Evidence",
    other: "Other",
    error: "Something went wrong: ",
    "manager-rep": "a manager practises with a rep",
    "rep-customer": "a rep practises a sale",
  },
};

const LANG_KEY = "coach.lang";

function isLang(value: string | null): value is Lang {
  return value === "zh-Hant" || value === "zh-Hans" || value === "en";
}

/** The browser's language mapped to one of ours: Simplified for mainland and Singapore, else Traditional. */
function guessLang(): Lang {
  const nav = (navigator.language || "").toLowerCase();
  if (nav.startsWith("zh-cn") || nav.startsWith("zh-sg") || nav === "zh-hans") return "zh-Hans";
  if (nav.startsWith("zh")) return "zh-Hant";
  return "en";
}

let current: Lang = (() => {
  const saved = localStorage.getItem(LANG_KEY);
  return isLang(saved) ? saved : guessLang();
})();

/** The language the page is shown in (remembered in this browser). */
export function currentLang(): Lang {
  return current;
}

/** Switches the page's language and remembers it; ignores anything that is not one of ours. */
export function setLang(lang: string): void {
  if (!isLang(lang)) return;
  current = lang;
  localStorage.setItem(LANG_KEY, lang);
}

/** An interface string in the current language; keys may come from data (labels, modes, state names). */
export function t(key: string): string {
  return STRINGS[current][key] ?? key;
}
