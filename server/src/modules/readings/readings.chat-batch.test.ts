import { describe, expect, it } from "vitest";
import { DomainError } from "../../platform/http/errors.js";
import { createBatcher } from "./readings.chat-batch.js";

/** A batch runner the test releases by hand, recording each batch it was given. */
function controlledRunner() {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  return {
    batches,
    run(items: number[]) {
      batches.push(items);
      return new Promise<number[]>((resolve) => {
        pending.push(() => resolve(items.map((item) => item * 10)));
      });
    },
    releaseOne() {
      pending.shift()?.();
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the chat batcher (group commit)", () => {
  it("runs an item at once when nothing is in flight, and groups items that arrive meanwhile, in order", async () => {
    const runner = controlledRunner();
    const batcher = createBatcher({ run: runner.run, maxBatch: 3, maxInFlight: 1, maxQueued: 100 });
    const first = batcher.submit(1);
    expect(runner.batches).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((item) => batcher.submit(item));
    expect(batcher.queued).toBe(4);
    runner.releaseOne();
    expect(await first).toBe(10);
    await tick();
    // At most maxBatch per batch, the rest in the next one.
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    runner.releaseOne();
    await tick();
    expect(runner.batches).toEqual([[1], [2, 3, 4], [5]]);
    runner.releaseOne();
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50]);
  });

  it("keeps up to maxInFlight batches running", () => {
    const runner = controlledRunner();
    const batcher = createBatcher({ run: runner.run, maxBatch: 10, maxInFlight: 2, maxQueued: 100 });
    void batcher.submit(1);
    void batcher.submit(2);
    void batcher.submit(3);
    expect(runner.batches).toEqual([[1], [2]]);
    expect(batcher.queued).toBe(1);
  });

  it("refuses items beyond the queue bound with SERVICE_UNAVAILABLE", async () => {
    const runner = controlledRunner();
    const batcher = createBatcher({ run: runner.run, maxBatch: 10, maxInFlight: 1, maxQueued: 2 });
    void batcher.submit(1);
    void batcher.submit(2);
    void batcher.submit(3);
    const refused = batcher.submit(4);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });

  it("retries a failed batch one item at a time, so only the bad item fails, and goes on", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = createBatcher({
      run: async (items: number[]) => {
        batches.push(items);
        if (items[0] === 0) await gate;
        if (items.includes(13)) throw new Error("the database refused 13");
        return items.map((item) => item * 10);
      },
      maxBatch: 10,
      maxInFlight: 1,
      maxQueued: 100,
    });
    const first = batcher.submit(0);
    const rest = [12, 13, 14].map((item) => batcher.submit(item).catch((error: Error) => error.message));
    release();
    expect(await first).toBe(0);
    expect(await Promise.all(rest)).toEqual([120, "the database refused 13", 140]);
    expect(batches).toEqual([[0], [12, 13, 14], [12], [13], [14]]);
    expect(await batcher.submit(15)).toBe(150);
  });

  it("fails the items of a batch that answers the wrong number of outcomes", async () => {
    const batcher = createBatcher({
      run: async (items: number[]) => items.slice(1),
      maxBatch: 10,
      maxInFlight: 1,
      maxQueued: 100,
    });
    await expect(batcher.submit(1)).rejects.toThrow("answered 0 outcomes");
  });
});
