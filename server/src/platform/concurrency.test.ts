import { describe, expect, it } from "vitest";
import { createLimiter } from "./concurrency.js";

/** Lets `turns` rounds of other promise work run first (no timers: the order is deterministic). */
async function yieldTurns(turns: number) {
  for (let turn = 0; turn < turns; turn += 1) await Promise.resolve();
}

describe("createLimiter", () => {
  it("runs at most `lanes` tasks at once, the rest in arrival order, and frees a lane on failure", async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (index: number) => async () => {
      started.push(index);
      running += 1;
      most = Math.max(most, running);
      // Uneven durations, so lanes free up in a different order than they were taken.
      await yieldTurns(((index * 7) % 5) * 3);
      running -= 1;
      if (index % 4 === 0) throw new Error(`task ${index} failed`);
      return index;
    };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => limiter.run(task(index))),
    );
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, index) => index));
    outcomes.forEach((outcome, index) => {
      if (index % 4 === 0) expect(outcome).toMatchObject({ status: "rejected" });
      else expect(outcome).toEqual({ status: "fulfilled", value: index });
    });
    expect(limiter.waiting).toBe(0);
    // Every lane is free again: three tasks start at once.
    let concurrent = 0;
    await Promise.all(
      [0, 1, 2].map(() =>
        limiter.run(async () => {
          concurrent += 1;
          await yieldTurns(3);
          expect(concurrent).toBe(3);
        }),
      ),
    );
  });
});
