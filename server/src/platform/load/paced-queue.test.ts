import { describe, expect, it } from "vitest";
import { createPacedQueue } from "./paced-queue.js";

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Work that holds the event loop, like a check of a long message.
  }
};

describe("paced queue", () => {
  it("runs every item in order, a slice a turn, with other work between slices", async () => {
    const order: string[] = [];
    const queue = createPacedQueue(
      (item: number) => {
        busyFor(1);
        order.push(`item ${item}`);
      },
      { sliceMs: 5 },
    );
    for (let item = 0; item < 40; item += 1) queue.push(item);
    expect(queue.size).toBe(40);
    // Queued after the items: it runs before the last of them, between two slices.
    setImmediate(() => order.push("other"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const items = order.filter((entry) => entry !== "other");
    expect(items).toEqual(Array.from({ length: 40 }, (_, item) => `item ${item}`));
    const other = order.indexOf("other");
    expect(other).toBeGreaterThan(0);
    // One slice runs items until 5 ms have passed: about 5 of them, far from all 40.
    expect(other).toBeLessThan(15);
    expect(queue.size).toBe(0);
  });

  it("starts again for items pushed after it emptied", async () => {
    const seen: string[] = [];
    const queue = createPacedQueue((item: string) => seen.push(item));
    queue.push("first");
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(["first"]);
    queue.push("second");
    queue.push("third");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(["first", "second", "third"]);
  });
});
