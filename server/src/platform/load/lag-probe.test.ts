import { describe, expect, it } from "vitest";
import { createEventLoopLagProbe } from "./lag-probe.js";

/** Holds the event loop, as a long synchronous task or a garbage-collection pause does. */
function holdLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("event-loop lag probe", () => {
  it("reads a stall while work queued behind it is still being done, before its timer runs again", async () => {
    const probe = createEventLoopLagProbe({ sampleMs: 20, windowMs: 1_000 });
    try {
      await tick(60);
      holdLoop(200);
      // Same turn as the stall: the timer has not run since, as for a socket's backlog read then.
      expect(probe.lagMs()).toBeGreaterThanOrEqual(150);
    } finally {
      probe.close();
    }
  });

  it("keeps a stall in view for half a window after it ends, then forgets it", async () => {
    const probe = createEventLoopLagProbe({ sampleMs: 10, windowMs: 400 });
    try {
      await tick(30);
      holdLoop(400);
      await tick(50);
      expect(probe.lagMs()).toBeGreaterThanOrEqual(350);
      // Well past the stall's half-window; bounds loose enough for a busy test machine.
      await tick(900);
      expect(probe.lagMs()).toBeLessThan(300);
    } finally {
      probe.close();
    }
  });
});
