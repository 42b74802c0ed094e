import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import { presencePersonalData } from "./presence.personal-data.js";
import { createPresenceService, type PresenceService } from "./presence.service.js";

/**
 * Who is connected, across every app node: each signed-in socket is in its user's room, and this
 * module counts those joins per user and node, mirrored to the database and kept alive by a
 * heartbeat.
 */
export function createPresenceModule(
  deps: Pick<Platform, "db" | "clock" | "logger" | "nodeId"> & { config: Config },
): AppModule<PresenceService> {
  const heartbeatMs = deps.config.PRESENCE_HEARTBEAT_MS;
  const service = createPresenceService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    nodeId: deps.nodeId,
    offlineDelayMs: deps.config.PRESENCE_OFFLINE_DELAY_MS,
    staleAfterMs: heartbeatMs * 3,
  });
  return {
    name: "presence",
    personalData: presencePersonalData,
    service,
    rooms: {
      user: {
        onJoin: (_connection, userId) => void service.connected(userId),
        onLeave: (_connection, userId) => void service.disconnected(userId),
      },
    },
    timers: [{ name: "presence heartbeat", everyMs: heartbeatMs, run: () => service.heartbeat() }],
    close: () => service.close(),
  };
}
