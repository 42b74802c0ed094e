import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spaces calls to a third party evenly at most `perSecond` a second (0: no limit). Wall time on
 * purpose: it paces real requests to a real service, whatever the app's clock says.
 */
export function createRateLimiter(perSecond: number) {
  if (perSecond <= 0) return { take: async () => {} };
  const intervalMs = 1000 / perSecond;
  let nextAt = 0;
  return {
    /** Waits for this call's turn. */
    async take() {
      const now = performance.now();
      const at = Math.max(now, nextAt);
      nextAt = at + intervalMs;
      if (at > now) await sleep(at - now);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
