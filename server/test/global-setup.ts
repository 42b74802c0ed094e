import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import PgBoss from "pg-boss";
import type { TestProject } from "vitest/node";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../src/platform/db/embedded.js";
import { migrateDatabase } from "../src/platform/db/migrate.js";
import { freePort } from "./free-port.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL per test run: TEST_DATABASE_URL when set, otherwise an embedded server
 * in a temporary folder. A template database is migrated once; each test file copies it.
 */
export default async function setup(project: TestProject) {
  process.env.TZ = "UTC";
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "soulseer-test-pg-"));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter this folder.
    chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "data"),
      port: await freePort(),
      databaseName: "postgres",
      log: () => {},
    });
    adminUrl = embedded.adminUrl;
  }
  const templateDatabase = `soulseer_template_${process.pid}`;
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${templateDatabase}`);
    await client.query(`create database ${templateDatabase}`);
  });
  const templateUrl = withDatabase(adminUrl, templateDatabase);
  await migrateDatabase(templateUrl);
  // Create pg-boss's schema once so each test file's copy starts its queue quickly.
  const boss = new PgBoss({
    connectionString: templateUrl,
    schema: "pgboss",
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });

  project.provide("databaseAdminUrl", adminUrl);
  project.provide("templateDatabase", templateDatabase);

  return async () => {
    await withClient(adminUrl, async (client) => {
      const copies = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like 'soulseer_test_%' or datname = $1",
        [templateDatabase],
      );
      for (const row of copies.rows)
        await client.query(`drop database if exists ${row.datname} with (force)`);
    });
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient(url: string, run: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
