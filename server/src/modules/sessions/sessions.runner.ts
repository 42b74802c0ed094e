import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../../config.js";
import type { App } from "../../platform/http/server.js";
import type { CallbacksService } from "./sessions.callbacks.js";
import type { SessionsService, SessionTimings } from "./sessions.service.js";

export function sessionTimings(config: Config): SessionTimings {
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
 * callback queues' sweep. Every
 * node runs both; the biller's work is idempotent and skips sessions another node holds. A run
 * never overlaps the previous one; the timers stop when the app closes, and this node's
 * connections are removed so other nodes stop counting them at once.
 */
export function startSessionTimers(
  app: App,
  sessions: SessionsService,
  callbacks: Pick<CallbacksService, "sweep">,
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
    await sessions
      .leaveNode()
      .catch((error) => options.logger.error({ err: error }, "leaving the node failed"));
  });
  return {
    async start() {
      await sessions.heartbeat();
      every(options.heartbeatMs, "node heartbeat", () => sessions.heartbeat());
      every(options.billerIntervalMs, "session biller", () => sessions.drainDue());
      // Callback lines move on the same beat: overdue offers lapse, free readers are offered.
      every(Math.max(options.billerIntervalMs, 1000), "callback queue", () => callbacks.sweep());
    },
  };
}
