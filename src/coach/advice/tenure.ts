/** How long the scenario says the rep has been here, in months, with the words that said it. */
export interface Duration {
  months: number;
  cue: string;
}

const NUMBERS: Record<string, number> = {
  一: 1,
  兩: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  半: 0.5,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  a: 1,
  an: 1,
  half: 0.5,
  several: 3,
  few: 2,
  couple: 2,
};

/**
 * Finds an explicit duration ("做了三年", "半年", "six weeks", "almost three years", "9 months") in
 * Traditional-script text. An explicit duration outweighs vaguer cues such as 新人 in "帶新人".
 */
export function findDuration(text: string): Duration | undefined {
  const chinese = /([一兩二三四五六七八九十半\d]+)\s*(?:個)?(年|月|週|周|星期)/.exec(text);
  if (chinese) {
    const amount = NUMBERS[chinese[1] as string] ?? Number(chinese[1]);
    const unit = chinese[2] as string;
    // 年 in 一年以上 is a tenure too; 週/星期 are weeks.
    const months = unit === "年" ? amount * 12 : unit === "月" ? amount : amount / 4.3;
    if (Number.isFinite(months)) return { months, cue: chinese[0] };
  }
  const english =
    /\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|couple|half)\s+(?:of\s+)?(years?|months?|weeks?)\b/i.exec(
      text,
    );
  if (english) {
    const amount = NUMBERS[(english[1] as string).toLowerCase()] ?? Number(english[1]);
    const unit = (english[2] as string).toLowerCase();
    const months = unit.startsWith("year") ? amount * 12 : unit.startsWith("month") ? amount : amount / 4.3;
    if (Number.isFinite(months)) return { months, cue: english[0] };
  }
  return undefined;
}

/** The handbook's tenure groups: under six months, six months to a year, over a year. */
export function tenureOf(months: number): "new" | "half-year" | "veteran" {
  if (months < 6) return "new";
  if (months < 12) return "half-year";
  return "veteran";
}
