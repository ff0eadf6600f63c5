import { describe, expect, it } from "vitest";
import { TaskQueue } from "./task-queue.js";

describe("TaskQueue", () => {
  it("never runs more than its limit at once, runs every task, and keeps going after a failure", async () => {
    const queue = new TaskQueue(2);
    let running = 0;
    let peak = 0;
    const task = (index: number) =>
      queue.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (index === 3) throw new Error("boom");
        return index;
      });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => task(index)));
    expect(peak).toBe(2);
    const values = results.filter((result) => result.status === "fulfilled").map((result) => result.value);
    expect(values).toEqual([0, 1, 2, 4, 5, 6, 7]);
    expect(results[3]?.status).toBe("rejected");
  });
});
