import { describe, expect, it } from "vitest";
import { createTestClock } from "../../../test/harness.js";
import { createTtlCache } from "./ttl-cache.js";

describe("ttl cache", () => {
  it("serves a value for its time, shares concurrent misses, and forgets failures and cleared values", async () => {
    const clock = createTestClock();
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 2, clock });
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return computed;
    };
    const [first, second] = await Promise.all([cache.get("a", compute), cache.get("a", compute)]);
    expect([first, second, computed]).toEqual([1, 1, 1]);
    clock.advance(999);
    expect(await cache.get("a", compute)).toBe(1);
    clock.advance(1);
    expect(await cache.get("a", compute)).toBe(2);
    await expect(cache.get("b", async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("b", compute)).toBe(3);
    await cache.get("c", compute);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(await cache.get("a", compute)).toBe(5);
  });

  it("computes every time when turned off", async () => {
    const cache = createTtlCache<number>({ ttlMs: 0, maxEntries: 10, clock: createTestClock() });
    let computed = 0;
    await cache.get("a", async () => ++computed);
    await cache.get("a", async () => ++computed);
    expect(computed).toBe(2);
  });
});
