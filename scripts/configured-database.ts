import { existsSync } from "node:fs";
import { loadConfig } from "../server/src/config.js";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.js";
import { migrateDatabase } from "../server/src/platform/db/migrate.js";

/**
 * For command-line scripts: the database the server would use (DATABASE_URL, or the embedded
 * one in its data folder), migrated, for the length of `run`.
 */
export async function withConfiguredDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env);
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: config.EMBEDDED_DB_DIR,
        port: config.EMBEDDED_DB_PORT,
        databaseName: "soulseer",
        log: console.log,
      });
  const url = config.DATABASE_URL ?? embedded?.url ?? "";
  try {
    await migrateDatabase(url);
    return await run(url);
  } finally {
    await embedded?.stop();
  }
}
