import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { loopbackUrlOf } from "./demo/demo-api.js";
import { startDemoReaders } from "./demo/demo-readers.js";
import { systemClock } from "./platform/clock.js";
import { connectDatabase } from "./platform/db/database.js";
import {
  type EmbeddedDatabase,
  EmbeddedDatabaseError,
  startEmbeddedPostgres,
} from "./platform/db/embedded.js";
import { migrateDatabase } from "./platform/db/migrate.js";
import { createMailer } from "./platform/email/mailer.js";
import { createJobs } from "./platform/jobs/jobs.js";
import { createLogger } from "./platform/logger.js";
import { readOrCreateLocalSecret } from "./platform/secrets.js";
import {
  AUTOMATIC_DEMO_READERS,
  DEMO_ACCOUNTS,
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_PASSWORD,
  seedDemoData,
} from "./seed/demo-data.js";

const SHUTDOWN_TIMEOUT_MS = 15_000;

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const started = Date.now();
  if (config.PAYMENT_PROVIDER === "sandbox")
    logger.warn(
      "payments: the sandbox is on (no real money; any signed-in user can add wallet funds). Set PAYMENT_PROVIDER=stripe with its keys to take real payments.",
    );

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: config.EMBEDDED_DB_DIR,
        port: config.EMBEDDED_DB_PORT,
        databaseName: "soulseer",
        log: (message) => logger.info(message),
      });
    } catch (error) {
      // A reason and its two fixes, in one paragraph: no stack trace.
      if (error instanceof EmbeddedDatabaseError) {
        console.error(`\n${error.message}\n`);
        process.exit(78);
      }
      throw error;
    }
    databaseUrl = embedded.url;
    logger.info(
      `embedded PostgreSQL ready on 127.0.0.1:${config.EMBEDDED_DB_PORT} (data in ${embedded.dataDir})`,
    );
  }
  const authSecret =
    config.AUTH_SECRET ??
    readOrCreateLocalSecret(path.join(path.dirname(path.resolve(config.EMBEDDED_DB_DIR)), "auth-secret"));

  await migrateDatabase(databaseUrl);
  const database = connectDatabase(databaseUrl);
  const jobs = createJobs({ connectionString: databaseUrl, logger });
  const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger });
  const { app, services, start } = await buildApp({
    config,
    database,
    jobs,
    mailer,
    clock: systemClock,
    logger,
    authSecret,
  });

  // Before the app's timers start: the seed plays its history on a second instance, weeks back.
  if (config.SEED_DEMO_DATA) {
    const seeded = await seedDemoData({
      config,
      database,
      jobs,
      mailer,
      clock: systemClock,
      logger,
      authSecret,
      system: services.system,
      users: services.users,
      activity: config.DEMO_ACTIVITY,
    });
    if (seeded)
      logger.info(seeded, `seeded ${seeded.accounts} demo accounts in ${seeded.seconds.toFixed(1)} s`);
  }
  await jobs.start();
  await start();

  let demoReaders: ReturnType<typeof startDemoReaders> | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal} received: shutting down`);
    const timer = setTimeout(() => {
      logger.error("shutdown timed out; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await demoReaders?.stop().catch((error) => logger.error({ err: error }, "stopping demo readers failed"));
    await app.close().catch((error) => logger.error({ err: error }, "closing HTTP failed"));
    await jobs.stop().catch((error) => logger.error({ err: error }, "stopping jobs failed"));
    await database.close().catch((error) => logger.error({ err: error }, "closing the pool failed"));
    await embedded?.stop().catch((error) => logger.error({ err: error }, "stopping PostgreSQL failed"));
    logger.info("shut down cleanly");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.PORT, host: config.HOST });
  // Demo mode: the automatic demo readers answer chat readings through the API and live socket.
  if (config.SEED_DEMO_DATA && config.DEMO_ACTIVITY)
    demoReaders = startDemoReaders({
      baseUrl: loopbackUrlOf(app.server.address() as AddressInfo),
      origin: config.publicUrl.origin,
      accounts: AUTOMATIC_DEMO_READERS,
      logger,
    });
  const demoAccounts = DEMO_ACCOUNTS.filter(
    (account) => config.DEMO_ACTIVITY || !account.reader?.automaticDemo,
  );
  printBanner(config.publicUrl.origin, config.SEED_DEMO_DATA ? demoAccounts : [], Date.now() - started);
}

function printBanner(origin: string, demoAccounts: typeof DEMO_ACCOUNTS, startupMs: number) {
  const lines = [
    `SoulSeer is running at ${origin}  (ready in ${(startupMs / 1000).toFixed(1)} s)`,
    `API docs: ${origin}/api/docs`,
  ];
  if (demoAccounts.length > 0) {
    lines.push(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    for (const account of demoAccounts)
      lines.push(
        `  ${account.role.padEnd(6)}  ${account.email}  (${account.displayName}${account.reader?.automaticDemo ? ", answers chat readings on its own" : ""})`,
      );
    if (demoAccounts.some((account) => account.role === "admin"))
      lines.push(
        `The demo admin signs in with a code from an authenticator app: add the key ${DEMO_ADMIN_TOTP_SECRET} (TOTP, 6 digits, 30 s).`,
      );
  }
  console.log(`\n${lines.join("\n")}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
