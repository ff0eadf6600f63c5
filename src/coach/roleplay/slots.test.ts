import { describe, expect, it } from "vitest";
import { fillSlots, findSlots, slotsIn } from "./slots.js";

describe("the user's own words a reply repeats", () => {
  it("finds the time a user proposes, in Chinese and English", () => {
    expect(findSlots("那我週四下午兩點再過來示範?").time).toBe("週四下午兩點");
    expect(findSlots("下周二上午十点给您打电话,您看方便吗?").time).toBe("下周二上午十点");
    expect(findSlots("明天下午我陪你去").time).toBe("明天下午");
    expect(findSlots("Could we talk again next Tuesday at 10am?").time).toBe("next Tuesday at 10am");
    expect(findSlots("How about tomorrow afternoon?").time).toBe("tomorrow afternoon");
    expect(findSlots("我們再找時間聊").time).toBeUndefined();
  });

  it("finds the number a user sets, and not the hour of a time", () => {
    expect(findSlots("這個月目標拆成每週,第一週要兩筆到帳").number).toBe("兩筆");
    expect(findSlots("这个月你的目标是签8单").number).toBe("8单");
    expect(findSlots("Your target this month is two signed quotes a week.").number).toBe("two signed quotes");
    expect(findSlots("Let's aim for 40% by the 15th.").number).toBe("40%");
    expect(findSlots("週四下午兩點過來").number).toBeUndefined();
  });

  it("fills a line only when the turn has every slot it needs", () => {
    expect(slotsIn("{time}可以,你來吧。")).toEqual(["time"]);
    expect(fillSlots("{time} works. Come by.", { time: "Thursday at 3pm" })).toBe("Thursday at 3pm works. Come by.");
    expect(fillSlots("{number}?太多了。", { time: "週四" })).toBeUndefined();
    expect(fillSlots("{time}? Fine.", { time: "next Tuesday" })).toBe("Next Tuesday? Fine.");
    expect(fillSlots("好。", {})).toBe("好。");
  });
});
