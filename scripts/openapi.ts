// `npm run openapi:generate` writes openapi.json (sorted keys), the web app's typed client types
// and its live-socket types; `npm run openapi:check` fails when any of them is stale.
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import pino from "pino";
import { buildApp } from "../server/src/app.js";
import { loadConfig } from "../server/src/config.js";
import { liveEvents, liveRequests } from "../server/src/live.js";
import { systemClock } from "../server/src/platform/clock.js";
import { connectDatabase } from "../server/src/platform/db/database.js";
import { createLogMailer } from "../server/src/platform/email/mailer.js";
import { serializeOpenApi, sortKeysDeep } from "../server/src/platform/http/openapi-document.js";
import { createJobs } from "../server/src/platform/jobs/jobs.js";
import { liveContractSchemas } from "../server/src/platform/realtime/live-events.js";

// Never used to sign anything: the app is built only to read its route schemas.
const OPENAPI_SECRET = "openapi-generation-only-3f9c1e7a5b2d8046";
const DOCUMENT_PATH = "openapi.json";
const CLIENT_TYPES_PATH = "web/src/lib/api/schema.d.ts";
const LIVE_TYPES_PATH = "web/src/lib/api/live.d.ts";

/** The live socket's events and requests as TypeScript, through the same generator as the REST types. */
async function generateLiveTypes(): Promise<string> {
  const document = {
    openapi: "3.1.0",
    info: { title: "SoulSeer live socket", version: "1" },
    paths: {},
    components: { schemas: liveContractSchemas(liveEvents, liveRequests) },
  };
  const ast = await openapiTS(JSON.parse(JSON.stringify(sortKeysDeep(document))));
  return `// Generated from server/src/live.ts by \`npm run openapi:generate\`. Do not edit.\n${astToString(ast)}`;
}

async function generate(): Promise<{ document: string; types: string }> {
  // No connection is opened: the pool and the job queue connect lazily, and nothing here queries.
  const url = "postgres://openapi:openapi@127.0.0.1:1/openapi";
  const config = loadConfig({
    SERVE_WEB: "false",
    DATABASE_URL: url,
    AUTH_SECRET: OPENAPI_SECRET,
    // The sandbox's routes are part of the documented API.
    PAYMENT_PROVIDER: "sandbox",
  });
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
const liveTypes = await generateLiveTypes();
if (mode === "write") {
  writeFileSync(DOCUMENT_PATH, document);
  writeFileSync(CLIENT_TYPES_PATH, types);
  writeFileSync(LIVE_TYPES_PATH, liveTypes);
  console.log(`wrote ${DOCUMENT_PATH}, ${CLIENT_TYPES_PATH} and ${LIVE_TYPES_PATH}`);
} else {
  const current = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return null;
    }
  };
  const stale = [
    current(DOCUMENT_PATH) !== document ? DOCUMENT_PATH : null,
    current(CLIENT_TYPES_PATH) !== types ? CLIENT_TYPES_PATH : null,
    current(LIVE_TYPES_PATH) !== liveTypes ? LIVE_TYPES_PATH : null,
  ].filter(Boolean);
  if (stale.length > 0) {
    console.error(`stale: ${stale.join(", ")} — run \`npm run openapi:generate\` and commit the result`);
    process.exit(1);
  }
  console.log("openapi.json and the typed client are up to date");
}
