import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { UsersService } from "../users/users.service.js";
import { createChatService } from "./readings.chat.js";
import { registerChatRoutes } from "./readings.chat.routes.js";
import { createMediaService } from "./readings.media.js";
import { registerMediaRoutes } from "./readings.media.routes.js";
import { readingsPersonalData } from "./readings.personal-data.js";
import { createReadingRoom } from "./readings.room.js";
import { registerReadingRoutes } from "./readings.routes.js";
import {
  createReadingsService,
  type LowBalanceHook,
  type ReaderDirectory,
  type ReadingsService,
  type ReadingTimings,
  type WaitlistGate,
} from "./readings.service.js";

/** The reading's timings from the configuration (the variables keep their earlier names). */
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
 * On-demand readings, paid by the minute: request, accept, the meter and its biller, the
 * `reading:<id>` room (presence, chat, WebRTC signals), Agora tokens. Every node runs the biller
 * and a heartbeat; its work is idempotent. On close, this node's room connections end as drops.
 */
export function createReadingsModule(
  deps: Pick<Platform, "db" | "bus" | "clock" | "logger" | "nodeId" | "metrics" | "lag"> & {
    config: Config;
    ledger: LedgerService;
    readers: ReaderDirectory;
    users: UsersService;
    waitlist: WaitlistGate;
    lowBalance?: LowBalanceHook;
  },
): AppModule<ReadingsService> {
  const { config } = deps;
  const service = createReadingsService({ ...deps, timings: readingTimings(config) });
  const chat = createChatService({ ...deps, shedding: { lag: deps.lag, boundMs: config.CHAT_SHED_LAG_MS } });
  const media = createMediaService({ db: deps.db, clock: deps.clock, agora: config.agora });
  deps.metrics.gauge({
    name: "soulseer_readings",
    help: "Readings not yet finalized, by state (every node reports the same database-wide count).",
    labelNames: ["state"],
    read: async () =>
      (await service.openByState()).map(({ state, count }) => ({ labels: { state }, value: count })),
  });
  deps.metrics.gauge({
    name: "soulseer_billing_lag_seconds",
    help: "How long the most overdue reading has waited for the biller (0 when none is due).",
    read: async () => [{ value: (await service.billingLagMs()) / 1000 }],
  });
  return {
    name: "readings",
    personalData: readingsPersonalData(deps.db),
    service,
    routes: (app) => {
      registerReadingRoutes(app, service);
      registerChatRoutes(app, chat);
      registerMediaRoutes(app, media);
    },
    rooms: { reading: createReadingRoom(service, chat) },
    timers: [
      { name: "node heartbeat", everyMs: config.NODE_HEARTBEAT_MS, run: () => service.heartbeat() },
      { name: "reading biller", everyMs: config.SESSION_BILLER_INTERVAL_MS, run: () => service.drainDue() },
    ],
    // The node marks itself alive before its timers start (billing counts up to its heartbeat).
    start: () => service.heartbeat(),
    close: () => service.leaveNode(),
  };
}
