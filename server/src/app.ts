import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { type Config, publicClientConfig } from "./config.js";
import { createAuditModule } from "./modules/audit/index.js";
import { MIN_PASSWORD_LENGTH } from "./modules/auth/auth.schemas.js";
import { createAuthModule } from "./modules/auth/index.js";
import { createBookingsModule } from "./modules/bookings/index.js";
import { createBrowseModule } from "./modules/browse/index.js";
import { createDisputesModule } from "./modules/disputes/index.js";
import { createEarningsModule } from "./modules/earnings/index.js";
import { createEmailModule } from "./modules/email/index.js";
import { createFiguresModule } from "./modules/figures/index.js";
import { createLedgerModule } from "./modules/ledger/index.js";
import { createLimitsModule } from "./modules/limits/index.js";
import { createMessagingModule } from "./modules/messaging/index.js";
import { createModerationModule } from "./modules/moderation/index.js";
import { createNotificationsModule } from "./modules/notifications/index.js";
import { createPaymentsModule } from "./modules/payments/index.js";
import { createPayoutsModule } from "./modules/payouts/index.js";
import { createPresenceModule } from "./modules/presence/index.js";
import { createPrivacyModule } from "./modules/privacy/index.js";
import { createReaderApplicationsModule } from "./modules/reader-applications/index.js";
import { createReadersModule } from "./modules/readers/index.js";
import { createReadingsModule } from "./modules/readings/index.js";
import { createRefundsModule } from "./modules/refunds/index.js";
import { createReviewsModule } from "./modules/reviews/index.js";
import { createStreamsModule } from "./modules/streams/index.js";
import { createSystemModule } from "./modules/system/index.js";
import { createUsersModule } from "./modules/users/index.js";
import { createWaitlistModule } from "./modules/waitlist/index.js";
import { createWalletsModule } from "./modules/wallets/index.js";
import type { Clock } from "./platform/clock.js";
import type { DatabaseHandle } from "./platform/db/database.js";
import type { Mailer } from "./platform/email/mailer.js";
import { createErrorReporter } from "./platform/error-reporting.js";
import { registerAccessGuard } from "./platform/http/access.js";
import { registerCsrfGuard } from "./platform/http/csrf.js";
import { registerApiDocs } from "./platform/http/docs.js";
import { createHttpServer } from "./platform/http/server.js";
import { registerWebApp } from "./platform/http/web-app.js";
import { toWebHeaders } from "./platform/http/web-request.js";
import type { Jobs } from "./platform/jobs/jobs.js";
import { createEventLoopLagProbe } from "./platform/load/lag-probe.js";
import { createMetrics, registerHttpMetrics, registerMetricsRoute } from "./platform/metrics.js";
import { mountModules, type Platform } from "./platform/module.js";
import { WEB_DIST_DIR } from "./platform/paths.js";
import { createEventBus } from "./platform/realtime/event-bus.js";
import { createRealtimeHub } from "./platform/realtime/websocket-hub.js";
import { deriveSecret } from "./platform/secrets.js";
import {
  createObjectStorage,
  registerStorageRoutes,
  storageImageOrigins,
} from "./platform/storage/storage.js";

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

/** The platform's adapters, made once: HTTP server, event bus, WebSocket hub, file storage. */
async function createPlatform(deps: AppDeps): Promise<Platform> {
  const { config, database, clock, logger } = deps;
  const errorReporter = await createErrorReporter({
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT,
    release: `soulseer@${API_VERSION}`,
  });
  const app = await createHttpServer({
    errorReporter,
    logger,
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    apiVersion: API_VERSION,
    imageOrigins: storageImageOrigins(config),
    // Agora's SDK talks to its own servers (HTTPS and WebSocket) when Agora is configured.
    connectOrigins: config.agora ? AGORA_CONNECT_ORIGINS : [],
  });
  app.addHook("onClose", () => errorReporter.close());
  const metrics = createMetrics();
  registerHttpMetrics(app, metrics);
  const bus = createEventBus({ connectionString: database.url, db: database.db, logger });
  const hub = createRealtimeHub({
    bus,
    logger,
    allowedOrigin: config.publicUrl.origin,
    pingIntervalMs: config.LIVE_PING_INTERVAL_MS,
    clock,
  });
  metrics.gauge({
    name: "soulseer_open_sockets",
    help: "Live WebSocket connections open on this node.",
    read: () => [{ value: hub.connectionCount }],
  });
  metrics.gauge({
    name: "soulseer_job_queue_depth",
    help: "Background jobs waiting (created or to retry) by queue.",
    labelNames: ["queue"],
    read: async () =>
      (await deps.jobs.queueDepths()).map(({ name, depth }) => ({ labels: { queue: name }, value: depth })),
  });
  const storage = await createObjectStorage(app, {
    config,
    clock,
    secret: deriveSecret(deps.authSecret, "files"),
  });
  return {
    app,
    db: database.db,
    database,
    bus,
    hub,
    jobs: deps.jobs,
    mailer: deps.mailer,
    storage,
    clock,
    logger,
    errorReporter,
    metrics,
    lag: createEventLoopLagProbe(),
    nodeId: randomUUID(),
    publicOrigin: config.publicUrl.origin,
  };
}

/** Builds the whole application: the platform, then every module in order (each one line). */
export async function buildApp(deps: AppDeps) {
  const { config } = deps;
  const platform = await createPlatform(deps);
  const publicConfig = publicClientConfig(config, MIN_PASSWORD_LENGTH);
  const secret = deps.authSecret;

  const system = createSystemModule({ ...platform, publicConfig });
  const audit = createAuditModule(platform);
  const email = createEmailModule({ ...platform, config, authSecret: secret });
  const limits = createLimitsModule({ ...platform, config });
  const users = createUsersModule({ ...platform, audit: audit.service });
  const auth = createAuthModule({
    ...platform,
    config,
    secret,
    users: users.service,
    email: email.service,
    limits: limits.service,
  });
  const ledger = createLedgerModule(platform);
  const payments = createPaymentsModule({
    ...platform,
    config,
    authSecret: secret,
    ledger: ledger.service,
    limits: limits.service,
    users: users.service,
  });
  const wallets = createWalletsModule({
    ...platform,
    config,
    ledger: ledger.service,
    payments: payments.service,
    audit: audit.service,
    users: users.service,
  });
  const presence = createPresenceModule({ ...platform, config });
  const notifications = createNotificationsModule(platform);
  const readers = createReadersModule({
    ...platform,
    config,
    users: users.service,
    auth: auth.service,
    audit: audit.service,
    email: email.service,
    notifications: notifications.service,
    presence: presence.service,
  });
  const browse = createBrowseModule({ ...platform, config, readers: readers.service });
  const readerApplications = createReaderApplicationsModule({
    ...platform,
    users: users.service,
    readers: readers.service,
    audit: audit.service,
  });
  const waitlist = createWaitlistModule({
    ...platform,
    config,
    readers: readers.service,
    users: users.service,
    ledger: ledger.service,
    notifications: notifications.service,
    email: email.service,
  });
  const readings = createReadingsModule({
    ...platform,
    config,
    ledger: ledger.service,
    readers: readers.service,
    users: users.service,
    waitlist: waitlist.service,
    lowBalance: payments.service.autoReload,
  });
  const bookings = createBookingsModule({
    ...platform,
    config,
    ledger: ledger.service,
    readers: readers.service,
    users: users.service,
    readings: readings.service,
    notifications: notifications.service,
    email: email.service,
  });
  const messaging = createMessagingModule({
    ...platform,
    config,
    ledger: ledger.service,
    readers: readers.service,
    users: users.service,
    readings: readings.service,
    notifications: notifications.service,
    email: email.service,
    presence: presence.service,
    audit: audit.service,
    limits: limits.service,
  });
  const reviews = createReviewsModule({
    ...platform,
    config,
    readings: readings.service,
    readers: readers.service,
    users: users.service,
    ledger: ledger.service,
  });
  const earnings = createEarningsModule({ ...platform, ledger: ledger.service, readings: readings.service });
  const refunds = createRefundsModule({
    ...platform,
    ledger: ledger.service,
    readings: readings.service,
    bookings: bookings.service,
    audit: audit.service,
  });
  const payouts = createPayoutsModule({
    ...platform,
    config,
    ledger: ledger.service,
    audit: audit.service,
    users: users.service,
    email: email.service,
    payments: payments.service,
  });
  const disputes = createDisputesModule({
    ...platform,
    ledger: ledger.service,
    payments: payments.service,
    audit: audit.service,
    users: users.service,
  });
  const figures = createFiguresModule({
    ...platform,
    ledger: ledger.service,
    users: users.service,
    readings: readings.service,
    wallets: wallets.service,
  });
  const streams = createStreamsModule({
    ...platform,
    config,
    authSecret: secret,
    ledger: ledger.service,
    limits: limits.service,
    readers: readers.service,
    users: users.service,
    notifications: notifications.service,
    messaging: messaging.service,
    audit: audit.service,
  });
  const moderation = createModerationModule({
    ...platform,
    streams: streams.service,
    users: users.service,
    auth: auth.service,
    readers: readers.service,
    readings: readings.service,
    bookings: bookings.service,
  });
  // Every module in mounting order (started in it, closed in reverse); privacy comes last of all.
  const domains = [
    system,
    audit,
    email,
    limits,
    users,
    auth,
    ledger,
    payments,
    wallets,
    presence,
    notifications,
    readers,
    browse,
    readerApplications,
    waitlist,
    readings,
    bookings,
    messaging,
    reviews,
    earnings,
    refunds,
    payouts,
    disputes,
    figures,
    streams,
    moderation,
  ] as const;
  // Last: it runs the personal-data declarations of every module before it.
  const privacy = createPrivacyModule({
    ...platform,
    modules: domains,
    users: users.service,
    auth: auth.service,
    audit: audit.service,
    email: email.service,
    ledger: ledger.service,
    readings: readings.service,
    bookings: bookings.service,
  });

  const { app, hub, bus } = platform;
  registerCsrfGuard(app, { allowedOrigin: config.publicUrl.origin });
  registerAccessGuard(app, (request) => auth.service.resolvePrincipal(toWebHeaders(request)), {
    publicPrefixes: ["/api/docs"],
  });
  await registerApiDocs(app);
  await hub.register(app);
  registerStorageRoutes(app, platform.storage);
  registerMetricsRoute(app, platform.metrics, config.METRICS_TOKEN);
  const modules = [...domains, privacy] as const;
  const mounted = await mountModules(platform, modules);
  if (config.SERVE_WEB) await registerWebApp(app, WEB_DIST_DIR);
  // The modules end their part of the node first (readings end their connections as drops, presence
  // its rows), then the sockets and the event bus close.
  app.addHook("onClose", async () => {
    await mounted.close();
    await hub.close();
    await bus.close();
    platform.lag.close();
  });

  return {
    app,
    /** Starts the background parts: listening for cross-node events, then each module and its timers. */
    start: async () => {
      await bus.start();
      await mounted.start();
    },
    services: {
      system: system.service,
      audit: audit.service,
      email: email.service,
      limits: limits.service,
      users: users.service,
      auth: auth.service,
      ledger: ledger.service,
      payments: payments.service,
      wallets: wallets.service,
      presence: presence.service,
      notifications: notifications.service,
      readers: readers.service,
      browse: browse.service,
      readerApplications: readerApplications.service,
      waitlist: waitlist.service,
      readings: readings.service,
      bookings: bookings.service,
      messaging: messaging.service,
      reviews: reviews.service,
      earnings: earnings.service,
      payouts: payouts.service,
      disputes: disputes.service,
      refunds: refunds.service,
      streams: streams.service,
      privacy: privacy.service,
      moderation: moderation.service,
      bus,
      hub,
    },
  };
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
