import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { type Config, publicClientConfig } from "./config.js";
import { registerAccountsRoutes } from "./modules/accounts/accounts.routes.js";
import { createAccountsService } from "./modules/accounts/accounts.service.js";
import { createAuth, MIN_PASSWORD_LENGTH } from "./modules/accounts/auth.js";
import { registerAuditRoutes } from "./modules/audit/audit.routes.js";
import { createAuditService } from "./modules/audit/audit.service.js";
import { registerEmailRoutes } from "./modules/email/email.routes.js";
import { createEmailService } from "./modules/email/email.service.js";
import { createLedgerService } from "./modules/ledger/ledger.service.js";
import { registerNotificationRoutes } from "./modules/notifications/notifications.routes.js";
import { createNotificationsService } from "./modules/notifications/notifications.service.js";
import { registerPaymentRoutes } from "./modules/payments/payments.routes.js";
import { createPaymentsService } from "./modules/payments/payments.service.js";
import { createPresenceService } from "./modules/presence/presence.service.js";
import { createReaderAdminService } from "./modules/readers/readers.admin.js";
import { registerReaderAdminRoutes } from "./modules/readers/readers.admin.routes.js";
import { readerWatchHooks } from "./modules/readers/readers.live.js";
import { createReaderPhotosService } from "./modules/readers/readers.photos.js";
import { registerReaderPhotoRoutes } from "./modules/readers/readers.photos.routes.js";
import { registerReaderRoutes } from "./modules/readers/readers.routes.js";
import { createReadersService } from "./modules/readers/readers.service.js";
import { registerReviewRoutes } from "./modules/reviews/reviews.routes.js";
import { createReviewsService } from "./modules/reviews/reviews.service.js";
import { createCallbacksService } from "./modules/sessions/sessions.callbacks.js";
import { registerCallbackRoutes } from "./modules/sessions/sessions.callbacks.routes.js";
import { chatSocketHooks, createSessionChatService } from "./modules/sessions/sessions.chat.js";
import { registerSessionChatRoutes } from "./modules/sessions/sessions.chat.routes.js";
import { createEarningsService } from "./modules/sessions/sessions.earnings.js";
import { registerEarningsRoutes } from "./modules/sessions/sessions.earnings.routes.js";
import { createSessionMediaService } from "./modules/sessions/sessions.media.js";
import { registerSessionMediaRoutes } from "./modules/sessions/sessions.media.routes.js";
import { registerSessionRoutes } from "./modules/sessions/sessions.routes.js";
import { sessionTimings, startSessionTimers } from "./modules/sessions/sessions.runner.js";
import { createSessionsService } from "./modules/sessions/sessions.service.js";
import { registerSystemRoutes } from "./modules/system/system.routes.js";
import { createSystemService } from "./modules/system/system.service.js";
import { registerWalletAdminRoutes, registerWalletRoutes } from "./modules/wallets/wallets.routes.js";
import { createWalletsService } from "./modules/wallets/wallets.service.js";
import type { Clock } from "./platform/clock.js";
import type { DatabaseHandle } from "./platform/db/database.js";
import type { Mailer } from "./platform/email/mailer.js";
import { registerAccessGuard } from "./platform/http/access.js";
import { registerCsrfGuard } from "./platform/http/csrf.js";
import { registerApiDocs } from "./platform/http/docs.js";
import { DomainError } from "./platform/http/errors.js";
import { type App, createHttpServer } from "./platform/http/server.js";
import { registerWebApp } from "./platform/http/web-app.js";
import { toWebHeaders } from "./platform/http/web-request.js";
import type { Jobs } from "./platform/jobs/jobs.js";
import { WEB_DIST_DIR } from "./platform/paths.js";
import { createSandboxProvider, createStripeProvider } from "./platform/payments/provider.js";
import { createEventBus } from "./platform/realtime/event-bus.js";
import { createRealtimeHub, type RealtimeHooks } from "./platform/realtime/websocket-hub.js";
import { deriveSecret } from "./platform/secrets.js";
import { registerObjectStorage, storageImageOrigins } from "./platform/storage/storage.js";

export const API_VERSION = "1.0.0";

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  jobs: Jobs;
  mailer: Mailer;
  clock: Clock;
  logger: FastifyBaseLogger;
  authSecret: string;
}

const AGORA_CONNECT_ORIGINS = [
  "https://*.agora.io",
  "wss://*.agora.io",
  "https://*.sd-rtn.com",
  "wss://*.sd-rtn.com",
];

/** Builds the whole application: platform plugins, then each module, one line each. */
export async function buildApp(deps: AppDeps) {
  const { config, database, clock } = deps;
  const app = await createHttpServer({
    logger: deps.logger,
    publicUrl: config.publicUrl,
    trustProxy: config.TRUST_PROXY,
    apiVersion: API_VERSION,
    imageOrigins: storageImageOrigins(config),
    // Agora's SDK talks to its own servers (HTTPS and WebSocket) when Agora is configured.
    connectOrigins: config.agora ? AGORA_CONNECT_ORIGINS : [],
  });

  const email = createEmailService({
    db: database.db,
    jobs: deps.jobs,
    mailer: deps.mailer,
    clock,
    logger: deps.logger,
  });
  const audit = createAuditService({ db: database.db });
  const ledger = createLedgerService({ db: database.db, clock });
  const sandbox = createSandboxProvider({
    webhookSecret: deriveSecret(deps.authSecret, "sandbox-webhook"),
    publicOrigin: config.publicUrl.origin,
  });
  const payments = createPaymentsService({
    db: database.db,
    ledger,
    provider:
      config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
        ? createStripeProvider({
            secretKey: config.STRIPE_SECRET_KEY,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET,
            apiBaseUrl: config.STRIPE_API_BASE,
          })
        : sandbox,
    sandbox: config.STRIPE_SECRET_KEY ? null : sandbox,
    clock,
    logger: deps.logger,
    publicOrigin: config.publicUrl.origin,
  });
  const auth = createAuth({ db: database.db, config, secret: deps.authSecret, email });
  const accounts = createAccountsService({
    db: database.db,
    auth,
    audit,
    clock,
    adminIdleTimeoutMs: config.ADMIN_IDLE_TIMEOUT_MINUTES * 60_000,
  });

  registerCsrfGuard(app, { allowedOrigin: config.publicUrl.origin, prefix: "/api/v1/" });
  registerAccessGuard(app, (request) => accounts.resolvePrincipal(toWebHeaders(request)), {
    publicPrefixes: ["/api/docs"],
  });
  await registerApiDocs(app);

  const system = createSystemService({ db: database.db, pool: database.pool });
  registerSystemRoutes(app, {
    system,
    publicConfig: publicClientConfig(config, MIN_PASSWORD_LENGTH),
  });
  registerAccountsRoutes(app, { accounts, auth, config });
  registerAuditRoutes(app, audit);
  registerEmailRoutes(app, email);
  registerWalletRoutes(app, { ledger, payments });
  registerWalletAdminRoutes(
    app,
    createWalletsService({ db: database.db, ledger, payments, audit, accounts, clock }),
  );
  await registerPaymentRoutes(app, payments);
  const live = await registerLive(app, deps);
  const readers = createReadersService({
    db: database.db,
    accounts,
    audit,
    email,
    notifications: live.notifications,
    presence: live.presence,
    bus: live.bus,
    clock,
    publicOrigin: config.publicUrl.origin,
    browseCacheMs: config.BROWSE_CACHE_MS,
    logger: app.log,
  });
  // Database triggers announce every change browse pages show to every node over the bus; a gap
  // in listening empties the page cache (checked more often than the bus can reconnect).
  live.bus.subscribe((event) => readers.onBusEvent(event));
  const browseListening = setInterval(() => readers.checkBrowseListening(), 100);
  browseListening.unref();
  app.addHook("onClose", async () => clearInterval(browseListening));
  registerReaderRoutes(app, readers);
  const readerAdmin = createReaderAdminService({
    db: database.db,
    readers,
    accounts,
    audit,
    email,
    clock,
    publicOrigin: config.publicUrl.origin,
  });
  registerReaderAdminRoutes(app, readerAdmin);
  live.presence.onGone((userId) => readers.presenceGone(userId));
  const sweepAbsentReaders = () => readers.sweepAbsentReaders(config.PRESENCE_OFFLINE_DELAY_MS);

  const storage = await registerObjectStorage(app, {
    config,
    clock,
    secret: deriveSecret(deps.authSecret, "files"),
  });
  const photos = createReaderPhotosService({
    db: database.db,
    storage,
    accounts,
    audit,
    clock,
    logger: deps.logger,
  });
  await registerReaderPhotoRoutes(app, photos);
  const callbacks = createCallbacksService({
    db: database.db,
    readers,
    ledger,
    notifications: live.notifications,
    email,
    bus: live.bus,
    clock,
    logger: deps.logger,
    publicOrigin: config.publicUrl.origin,
    timings: { offerMs: config.CALLBACK_OFFER_MS, ttlMs: config.CALLBACK_TTL_MS },
  });
  const sessions = createSessionsService({
    db: database.db,
    ledger,
    readers,
    bus: live.bus,
    clock,
    logger: deps.logger,
    nodeId: live.nodeId,
    timings: sessionTimings(config),
    callbacks,
  });
  registerSessionRoutes(app, sessions);
  registerCallbackRoutes(app, callbacks);
  registerReviewRoutes(
    app,
    createReviewsService({
      db: database.db,
      sessions,
      readers,
      accounts,
      ledger,
      clock,
      readerShareBasisPoints: config.READER_SHARE_BASIS_POINTS,
    }),
  );
  const chat = createSessionChatService({ db: database.db, bus: live.bus, clock });
  registerSessionChatRoutes(app, chat);
  registerSessionMediaRoutes(app, createSessionMediaService({ db: database.db, clock, agora: config.agora }));
  registerEarningsRoutes(app, createEarningsService({ db: database.db, ledger, clock }));
  live.attachRooms({
    ...sessions.rooms,
    ...chatSocketHooks(chat),
    ...readerWatchHooks({ db: database.db, bus: live.bus, logger: deps.logger }),
  });
  const sessionTimers = startSessionTimers(app, sessions, callbacks, {
    billerIntervalMs: config.SESSION_BILLER_INTERVAL_MS,
    heartbeatMs: config.NODE_HEARTBEAT_MS,
    logger: deps.logger,
  });
  if (config.SERVE_WEB) await registerWebApp(app, WEB_DIST_DIR);

  return {
    app,
    /** Starts the background parts: listening for cross-node events and the presence heartbeat. */
    start: async () => {
      await live.start(sweepAbsentReaders);
      await sessionTimers.start();
    },
    services: {
      accounts,
      audit,
      email,
      auth,
      system,
      ledger,
      payments,
      sandbox,
      readers,
      sessions,
      callbacks,
      ...live.services,
    },
  };
}

/**
 * Live events: the cross-node event bus, the WebSocket hub, presence (connections per user on
 * this node, mirrored to the database) and in-app notifications. Closed with the app.
 */
async function registerLive(app: App, deps: AppDeps) {
  const { config, database, clock, logger } = deps;
  const bus = createEventBus({ connectionString: database.url, logger });
  const nodeId = randomUUID();
  const presence = createPresenceService({
    db: database.db,
    clock,
    logger,
    nodeId,
    offlineDelayMs: config.PRESENCE_OFFLINE_DELAY_MS,
    staleAfterMs: config.PRESENCE_HEARTBEAT_MS * 3,
  });
  // Rooms (`session:<id>`…) belong to modules built later; they plug in through `attachRooms`.
  let rooms: Pick<
    RealtimeHooks,
    "authorizeTopic" | "onJoin" | "onLeave" | "onChat" | "onChatDelivered" | "onWatch"
  > = {};
  const hub = createRealtimeHub({
    bus,
    logger,
    allowedOrigin: config.publicUrl.origin,
    pingIntervalMs: config.LIVE_PING_INTERVAL_MS,
    clock,
    relay: (event) => bus.publish(database.db, event),
    hooks: {
      onOpen: (connection) => {
        if (connection.principal) void presence.connected(connection.principal.userId);
      },
      onClose: (connection) => {
        if (connection.principal) void presence.disconnected(connection.principal.userId);
      },
      authorizeTopic: (principal, topic) =>
        rooms.authorizeTopic?.(principal, topic) ?? Promise.resolve(false),
      onJoin: (connection, topic) => rooms.onJoin?.(connection, topic),
      onWatch: (connection, topics) => rooms.onWatch?.(connection, topics),
      onLeave: (connection, topic, lastSeenAt) => rooms.onLeave?.(connection, topic, lastSeenAt),
      onChat: (principal, sessionId, input) =>
        rooms.onChat?.(principal, sessionId, input) ??
        Promise.reject(new DomainError("NOT_FOUND", "No such session.")),
      onChatDelivered: (principal, sessionId, messageId) =>
        rooms.onChatDelivered?.(principal, sessionId, messageId) ??
        Promise.reject(new DomainError("NOT_FOUND", "No such session.")),
    },
  });
  await hub.register(app);
  const notifications = createNotificationsService({ db: database.db, bus, clock });
  registerNotificationRoutes(app, notifications);

  let heartbeat: NodeJS.Timeout | null = null;
  app.addHook("onClose", async () => {
    if (heartbeat) clearInterval(heartbeat);
    await hub.close();
    await presence.close();
    await bus.close();
  });
  return {
    bus,
    presence,
    notifications,
    nodeId,
    attachRooms(hooks: typeof rooms) {
      rooms = hooks;
    },
    services: { bus, hub, presence, notifications },
    /** Listens for events, then every heartbeat refreshes this node's presence rows and runs `sweep`. */
    async start(sweep: () => Promise<unknown>) {
      await bus.start();
      heartbeat = setInterval(() => {
        presence
          .heartbeat()
          .then(sweep)
          .catch((error) => logger.error({ err: error }, "presence heartbeat failed"));
      }, config.PRESENCE_HEARTBEAT_MS);
      heartbeat.unref();
    },
  };
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
