// `npm run openapi:generate` writes openapi.json (sorted keys) and the web app's typed client types;
// `npm run openapi:check` fails when either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import pino from "pino";
import { buildApp } from "../server/src/app.js";
import { loadConfig } from "../server/src/config.js";
import { systemClock } from "../server/src/platform/clock.js";
import { connectDatabase } from "../server/src/platform/db/database.js";
import { createLogMailer } from "../server/src/platform/email/mailer.js";
import { serializeOpenApi } from "../server/src/platform/http/openapi-document.js";
import { createJobs } from "../server/src/platform/jobs/jobs.js";

// Never used to sign anything: the app is built only to read its route schemas.
const OPENAPI_SECRET = "openapi-generation-only-3f9c1e7a5b2d8046";
const DOCUMENT_PATH = "openapi.json";
const CLIENT_TYPES_PATH = "web/src/lib/api/schema.d.ts";

async function generate(): Promise<{ document: string; types: string }> {
  // No connection is opened: the pool and the job queue connect lazily, and nothing here queries.
  const url = "postgres://openapi:openapi@127.0.0.1:1/openapi";
  const config = loadConfig({ SERVE_WEB: "false", DATABASE_URL: url, AUTH_SECRET: OPENAPI_SECRET });
  const logger = pino({ level: "silent" });
  const database = connectDatabase(url);
  const { app } = await buildApp({
    config,
    database,
    jobs: createJobs({ connectionString: url, logger }),
    mailer: createLogMailer(logger),
    clock: systemClock,
    logger,
    authSecret: OPENAPI_SECRET,
  });
  await app.ready();
  const document = serializeOpenApi(app.swagger());
  await app.close();
  await database.close();
  const ast = await openapiTS(JSON.parse(document));
  const types = `// Generated from openapi.json by \`npm run openapi:generate\`. Do not edit.\n${astToString(ast)}`;
  return { document, types };
}

const mode = process.argv[2];
const { document, types } = await generate();
if (mode === "write") {
  writeFileSync(DOCUMENT_PATH, document);
  writeFileSync(CLIENT_TYPES_PATH, types);
  console.log(`wrote ${DOCUMENT_PATH} and ${CLIENT_TYPES_PATH}`);
} else {
  const stale = [
    readFileSync(DOCUMENT_PATH, "utf8") !== document ? DOCUMENT_PATH : null,
    readFileSync(CLIENT_TYPES_PATH, "utf8") !== types ? CLIENT_TYPES_PATH : null,
  ].filter(Boolean);
  if (stale.length > 0) {
    console.error(`stale: ${stale.join(", ")} — run \`npm run openapi:generate\` and commit the result`);
    process.exit(1);
  }
  console.log("openapi.json and the typed client are up to date");
}
