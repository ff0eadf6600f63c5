/**
 * The user's own words a reply can repeat back: the time they proposed and the number they set. A card line may
 * hold `{time}` or `{number}`; it is said only when the user's turn has that slot, filled with the user's words as
 * they wrote them ("週四下午?可以", "Two signed quotes a week? That's tight").
 */
export interface Slots {
  time?: string;
  number?: string;
}

export type SlotName = keyof Slots;

const ZH_DIGIT = "[一二兩两三四五六七八九十]";
const ZH_HOUR = `(?:\\d{1,2}|${ZH_DIGIT}{1,3})[點点](?:半|\\d{1,2}分?)?`;
const ZH_PART = "(?:早上|上午|中午|下午|晚上|傍晚)";
const EN_DAY =
  "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?![a-z])";
const EN_CLOCK = "\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)";
const EN_PART = "(?:morning|afternoon|evening|lunchtime)";

/** Time expressions, most specific first: a weekday or a near day with its part of day and hour, then a date. */
const TIME_PATTERNS: RegExp[] = [
  new RegExp(
    `(?:下下?|這|这|本|下個|下个)?(?:週|周|星期|禮拜|礼拜)[一二三四五六日天](?:的)?${ZH_PART}?(?:${ZH_HOUR})?`,
    "u",
  ),
  new RegExp(`(?:今天|明天|後天|后天|今晚|明早)(?:的)?${ZH_PART}?(?:${ZH_HOUR})?`, "u"),
  new RegExp(`\\d{1,2}月\\d{1,2}[號号日](?:${ZH_PART})?(?:${ZH_HOUR})?`, "u"),
  new RegExp(`${ZH_PART}${ZH_HOUR}`, "u"),
  new RegExp(
    `(?:(?:next|this|on)\\s+)?${EN_DAY}(?:\\s+${EN_PART})?(?:\\s+at\\s+(?:${EN_CLOCK}|\\d{1,2}(?::\\d{2})?))?`,
    "i",
  ),
  new RegExp(`\\btomorrow(?:\\s+${EN_PART})?(?:\\s+at\\s+(?:${EN_CLOCK}|\\d{1,2}(?::\\d{2})?))?`, "i"),
  new RegExp(`\\bat\\s+${EN_CLOCK}`, "i"),
];

const ZH_COUNTER = "(?:張|张|家|個|个|通|筆|笔|件|台|單|单|組|组|位|場|场|萬|万|千|塊|块|元|成|%|％)";
const EN_THING =
  "(?:deals?|calls?|visits?|clients?|customers?|quotes?|meetings?|demos?|units?|orders?|contracts?|accounts?|leads?|appointments?|signings?|signed\\s+quotes?)";
const EN_NUMBER_WORD =
  "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)";

/** Numbers with what they count: a figure with its unit or counter, or a number word with a thing counted. */
const NUMBER_PATTERNS: RegExp[] = [
  new RegExp(`(?:NT\\$|US\\$|\\$|¥|￥|RM|S\\$)?\\d[\\d,.]*\\s*(?:萬|万|千|k|K)?${ZH_COUNTER}`, "u"),
  new RegExp(`${ZH_DIGIT}{1,3}(?:${ZH_COUNTER})`, "u"),
  /(?:NT\$|US\$|\$|RM|S\$)\d[\d,.]*\s*(?:k|K|m|M)?/u,
  /\b\d[\d,.]*\s*(?:%|percent|k\b)/i,
  new RegExp(`\\b(?:\\d[\\d,.]*|${EN_NUMBER_WORD})\\s+(?:new\\s+|more\\s+|signed\\s+)?${EN_THING}`, "i"),
];

/** The first match of the first pattern that matches. */
function firstMatch(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const found = pattern.exec(text)?.[0]?.trim();
    if (found) return found;
  }
  return undefined;
}

/** The slots a turn fills, in the user's own words. A number inside the time ("週四下午兩點") is not a number. */
export function findSlots(text: string): Slots {
  const slots: Slots = {};
  const time = firstMatch(text, TIME_PATTERNS);
  if (time) slots.time = time;
  const number = firstMatch(time ? text.replace(time, " ") : text, NUMBER_PATTERNS);
  if (number) slots.number = number;
  return slots;
}

/** The slots a line needs (`{time}`, `{number}`). */
export function slotsIn(line: string): SlotName[] {
  return (["time", "number"] as const).filter((name) => line.includes(`{${name}}`));
}

/** The line with its slots filled; undefined when the turn lacks one of them. */
export function fillSlots(line: string, slots: Slots): string | undefined {
  let filled = line;
  for (const name of slotsIn(line)) {
    const value = slots[name];
    if (!value) return undefined;
    filled = filled.replaceAll(`{${name}}`, value);
  }
  // "{time} works." said with "next Tuesday" starts a sentence: capitalised.
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}
