import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import type { App } from "../../platform/http/server.js";
import type { WaitlistService } from "./../waitlist/waitlist.service.js";
import type { ReadingsService, ReadingTimings } from "./readings.service.js";

export function readingTimings(config: Config): ReadingTimings {
  return {
    unitMs: config.SESSION_BILLING_UNIT_MS,
    graceMs: config.SESSION_GRACE_MS,
    ringMs: config.SESSION_RING_MS,
    joinTimeoutMs: config.SESSION_JOIN_TIMEOUT_MS,
    nodeStaleMs: config.NODE_HEARTBEAT_MS * 3,
    fundsRetryMs: Math.max(1000, Math.min(5000, config.SESSION_GRACE_MS / 10)),
    readerShareBasisPoints: config.READER_SHARE_BASIS_POINTS,
  };
}

/**
 * The per-node timers: the node heartbeat (and the sweep of dead nodes), the biller and the
 * waitlist' sweep. Every
 * node runs both; the biller's work is idempotent and skips readings another node holds. A run
 * never overlaps the previous one; the timers stop when the app closes, and this node's
 * connections are removed so other nodes stop counting them at once.
 */
export function startReadingTimers(
  app: App,
  readings: ReadingsService,
  waitlist: Pick<WaitlistService, "sweep">,
  options: { billerIntervalMs: number; heartbeatMs: number; logger: FastifyBaseLogger },
) {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const every = (ms: number, name: string, run: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(() => {
      if (running || stopped) return;
      running = true;
      run()
        .catch((error) => options.logger.error({ err: error }, `${name} failed`))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  app.addHook("onClose", async () => {
    stopped = true;
    for (const timer of timers) clearInterval(timer);
    await readings
      .leaveNode()
      .catch((error) => options.logger.error({ err: error }, "leaving the node failed"));
  });
  return {
    async start() {
      await readings.heartbeat();
      every(options.heartbeatMs, "node heartbeat", () => readings.heartbeat());
      every(options.billerIntervalMs, "reading biller", () => readings.drainDue());
      // Callback lines move on the same beat: overdue offers lapse, free readers are offered.
      every(Math.max(options.billerIntervalMs, 1000), "waitlist", () => waitlist.sweep());
    },
  };
}
