import type { AddressInfo } from "node:net";
import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import { deriveSecret } from "../../platform/secrets.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { MessagingService } from "../messaging/messaging.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { STREAM_CHAT_LIMIT } from "./streams.chat.js";
import { createStreamMedia } from "./streams.media.js";
import { streamsPersonalData } from "./streams.personal-data.js";
import { createStreamRoom } from "./streams.room.js";
import { registerStreamRoutes } from "./streams.routes.js";
import { createStreamsService, type StreamsService } from "./streams.service.js";
import { CHAT_BUDGET, STREAM_STATUSES, type StreamStatus } from "./streams.state.js";

/** How often timed changes (reconnects that ran out, missed starts) are looked for. */
const SWEEP_EVERY_MS = 5_000;
/** How often this node refreshes the registrations of the publishers connected to it. */
const RELAY_HEARTBEAT_MS = 15_000;
/** How often this node writes the viewer counts that changed. */
const VIEWER_FLUSH_EVERY_MS = 1_000;

/** How other nodes reach this one: its own listening address, on loopback when it listens on all. */
function internalOriginOf(app: Platform["app"]) {
  const address = app.server.address() as AddressInfo | string | null;
  if (!address || typeof address === "string") return null;
  const host =
    address.address === "0.0.0.0"
      ? "127.0.0.1"
      : address.address === "::"
        ? "[::1]"
        : address.family === "IPv6"
          ? `[${address.address}]`
          : address.address;
  return `ws://${host}:${address.port}`;
}

/**
 * Live streams: scheduling and going live, tickets, gifts and the gift catalog, live chat, the
 * viewer count, and the video relayed through the app's own server (decision 0022).
 */
export function createStreamsModule(
  deps: Pick<Platform, "app" | "db" | "bus" | "clock" | "logger" | "nodeId" | "publicOrigin"> & {
    config: Config;
    authSecret: string;
    ledger: LedgerService;
    limits: LimitsService;
    readers: ReadersService;
    users: UsersService;
    notifications: NotificationsService;
    messaging: MessagingService;
    audit: AuditService;
  },
): AppModule<StreamsService> {
  deps.limits.define(STREAM_CHAT_LIMIT, {
    max: CHAT_BUDGET.count,
    windowMs: CHAT_BUDGET.windowMs,
    what: "messages",
  });
  const service = createStreamsService({
    ...deps,
    readerShareBasisPoints: deps.config.READER_SHARE_BASIS_POINTS,
    agora: deps.config.agora,
    relayCarriesVideo: deps.config.agora === null,
  });
  const media = createStreamMedia({
    streams: service.media,
    nodeId: deps.nodeId,
    logger: deps.logger,
    allowedOrigin: deps.publicOrigin,
    relaySecret: deriveSecret(deps.authSecret, "stream-relay"),
    internalOrigin: () => internalOriginOf(deps.app),
  });
  const statuses = new Set<string>(STREAM_STATUSES);
  let unsubscribe: (() => void) | null = null;
  return {
    name: "streams",
    service,
    personalData: streamsPersonalData,
    routes: (app) => {
      registerStreamRoutes(app, service);
      media.register(app);
    },
    rooms: { stream: createStreamRoom(service) },
    timers: [
      {
        name: "stream reconnects and missed starts",
        everyMs: SWEEP_EVERY_MS,
        run: () => service.lifecycle.sweep(),
      },
      { name: "stream viewer counts", everyMs: VIEWER_FLUSH_EVERY_MS, run: () => service.viewers.flush() },
      { name: "stream publisher registrations", everyMs: RELAY_HEARTBEAT_MS, run: () => media.heartbeat() },
    ],
    async start() {
      // Every node hears every status change: ended streams close their sockets here too.
      const subscription = deps.bus.subscribe((event) => {
        if (event.type !== "stream.status") return;
        const { streamId, status } = event.data as { streamId?: unknown; status?: unknown };
        if (typeof streamId === "string" && typeof status === "string" && statuses.has(status))
          media.statusChanged(streamId, status as StreamStatus);
      });
      unsubscribe = () => {
        subscription();
      };
    },
    async close() {
      unsubscribe?.();
      media.close();
      await service.viewers.close();
    },
  };
}
