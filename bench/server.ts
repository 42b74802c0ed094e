/**
 * The server code the benches run in their own process. By default the compiled build in
 * dist/server, which is what `npm start` runs (`npm run bench` builds it first when it is missing
 * or stale); with BENCH_SERVER=source, server/src through tsx. Every bench takes the server's
 * functions from here, so one run never mixes the two; only types and constant data (such as
 * the specialties list) come from server/src directly.
 */

type AppModule = typeof import("../server/src/app.js");
type ConfigModule = typeof import("../server/src/config.js");
type ClockModule = typeof import("../server/src/platform/clock.js");
type DatabaseModule = typeof import("../server/src/platform/db/database.js");
type EmbeddedModule = typeof import("../server/src/platform/db/embedded.js");
type MigrateModule = typeof import("../server/src/platform/db/migrate.js");
type MailerModule = typeof import("../server/src/platform/email/mailer.js");
type JobsModule = typeof import("../server/src/platform/jobs/jobs.js");
type EventBusModule = typeof import("../server/src/platform/realtime/event-bus.js");
type LedgerModule = typeof import("../server/src/modules/ledger/ledger.service.js");
type ReadingsModule = typeof import("../server/src/modules/readings/readings.service.js");
type SlotsModule = typeof import("../server/src/modules/bookings/bookings.slots.js");

function benchServerKind(): "compiled" | "source" {
  const kind = process.env.BENCH_SERVER ?? "compiled";
  if (kind !== "compiled" && kind !== "source") {
    throw new Error(`BENCH_SERVER must be "compiled" (the default) or "source", not "${kind}"`);
  }
  return kind;
}

async function load() {
  const base = new URL(
    benchServerKind() === "source" ? "../server/src/" : "../dist/server/",
    import.meta.url,
  );
  const from = <T>(file: string) => import(new URL(file, base).href) as Promise<T>;
  const [app, config, clock, database, embedded, migrate, mailer, jobs, eventBus, ledger, readings, slots] =
    await Promise.all([
      from<AppModule>("app.js"),
      from<ConfigModule>("config.js"),
      from<ClockModule>("platform/clock.js"),
      from<DatabaseModule>("platform/db/database.js"),
      from<EmbeddedModule>("platform/db/embedded.js"),
      from<MigrateModule>("platform/db/migrate.js"),
      from<MailerModule>("platform/email/mailer.js"),
      from<JobsModule>("platform/jobs/jobs.js"),
      from<EventBusModule>("platform/realtime/event-bus.js"),
      from<LedgerModule>("modules/ledger/ledger.service.js"),
      from<ReadingsModule>("modules/readings/readings.service.js"),
      from<SlotsModule>("modules/bookings/bookings.slots.js"),
    ]);
  return {
    buildApp: app.buildApp,
    loadConfig: config.loadConfig,
    systemClock: clock.systemClock,
    connectDatabase: database.connectDatabase,
    startEmbeddedPostgres: embedded.startEmbeddedPostgres,
    migrateDatabase: migrate.migrateDatabase,
    createMailer: mailer.createMailer,
    createJobs: jobs.createJobs,
    createEventBus: eventBus.createEventBus,
    createLedgerService: ledger.createLedgerService,
    createReadingsService: readings.createReadingsService,
    generateSlots: slots.generateSlots,
  };
}

let loaded: ReturnType<typeof load> | undefined;

/** The server's functions, loaded once (only the processes that call this load the server). */
export function loadServer() {
  loaded ??= load();
  return loaded;
}

const BENCH_SECRET = "bench-secret-that-is-long-enough-0123456789";

/**
 * One app node on a bench database, as a deployment runs it: built with `env` over the bench
 * defaults, listening on a free loopback port, its job queue started when asked, then started
 * (cross-node events and timers). `close` stops it.
 */
export async function startBenchNode(options: {
  databaseUrl: string;
  database: Parameters<Awaited<ReturnType<typeof load>>["buildApp"]>[0]["database"];
  env?: Record<string, string>;
  startJobs?: boolean;
}) {
  const { buildApp, loadConfig, systemClock, createMailer, createJobs } = await loadServer();
  const { default: pino } = await import("pino");
  // BENCH_LOG_LEVEL=error shows what the node logs (a 500's cause) on stderr; silent by default.
  const logLevel = process.env.BENCH_LOG_LEVEL ?? "silent";
  const logger = pino({ level: logLevel }, pino.destination(2));
  const jobs = createJobs({ connectionString: options.databaseUrl, logger });
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    PAYMENT_PROVIDER: "sandbox",
    AUTH_SECRET: BENCH_SECRET,
    SERVE_WEB: "false",
    LOG_LEVEL: logLevel,
    ...options.env,
  });
  const built = await buildApp({
    config,
    database: options.database,
    jobs,
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
    clock: systemClock,
    logger,
    authSecret: BENCH_SECRET,
  });
  await built.app.listen({ host: "127.0.0.1", port: 0 });
  if (options.startJobs) await jobs.start();
  await built.start();
  const address = built.app.server.address();
  return {
    built,
    config,
    port: typeof address === "object" && address ? address.port : 0,
    async close() {
      await built.app.close();
      if (options.startJobs) await jobs.stop();
    },
  };
}
