// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { existsSync } from "node:fs";
import { loadConfig } from "../server/src/config.js";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.js";
import { migrateDatabase } from "../server/src/platform/db/migrate.js";

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
try {
  await migrateDatabase(config.DATABASE_URL ?? embedded?.url ?? "");
  console.log("migrations applied");
} finally {
  await embedded?.stop();
}
