import { existsSync } from "node:fs";
import { ConfigError, loadConfig } from "../server/src/config.js";
import {
  type EmbeddedDatabase,
  EmbeddedDatabaseError,
  startEmbeddedPostgres,
} from "../server/src/platform/db/embedded.js";
import { migrateDatabase } from "../server/src/platform/db/migrate.js";

/**
 * For command-line scripts: the database the server would use (DATABASE_URL, or the embedded
 * one in its data folder), migrated, for the length of `run`.
 */
export async function withConfiguredDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config: ReturnType<typeof loadConfig>;
  let embedded: EmbeddedDatabase | null = null;
  try {
    // A script reads only the database settings: a migration step need not carry payment keys.
    config = loadConfig({
      ...process.env,
      PAYMENT_PROVIDER: "sandbox",
      STRIPE_SECRET_KEY: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
    });
    if (!config.DATABASE_URL)
      embedded = await startEmbeddedPostgres({
        dataDir: config.EMBEDDED_DB_DIR,
        port: config.EMBEDDED_DB_PORT,
        databaseName: "soulseer",
        log: console.log,
      });
  } catch (error) {
    // The reason and its fixes, without a stack trace (as the server does).
    if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const url = config.DATABASE_URL ?? embedded?.url ?? "";
  try {
    await migrateDatabase(url);
    return await run(url);
  } finally {
    await embedded?.stop();
  }
}
