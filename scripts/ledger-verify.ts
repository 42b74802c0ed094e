// `npm run ledger:verify`: checks every ledger invariant over the whole database, prints a
// summary, and exits non-zero on any violation. Uses DATABASE_URL, or the embedded database.
import { existsSync } from "node:fs";
import { loadConfig } from "../server/src/config.js";
import { createLedgerService } from "../server/src/modules/ledger/ledger.service.js";
import { createPaymentsRepository } from "../server/src/modules/payments/payments.repository.js";
import { systemClock } from "../server/src/platform/clock.js";
import { connectDatabase } from "../server/src/platform/db/database.js";
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
      log: () => {},
    });
const url = config.DATABASE_URL ?? embedded?.url ?? "";
let failed = true;
try {
  await migrateDatabase(url);
  const database = connectDatabase(url, { maxConnections: 2 });
  const ledgerReport = await createLedgerService({ db: database.db, clock: systemClock }).verify();
  const topUpViolations = await createPaymentsRepository().topUpViolations(database.db);
  const report = {
    ...ledgerReport,
    checks: [...ledgerReport.checks, "top_ups_match_provider_events"],
    violations: [...ledgerReport.violations, ...topUpViolations],
  };
  await database.close();
  console.log(
    `ledger:verify — ${report.accounts} accounts, ${report.transfers} transfers, ${report.entries} entries`,
  );
  for (const check of report.checks) {
    const broken = report.violations.filter((violation) => violation.check === check);
    console.log(
      `  ${broken.length === 0 ? "ok  " : "FAIL"} ${check}${broken.length ? ` (${broken.length})` : ""}`,
    );
    for (const violation of broken) console.log(`         ${violation.detail}`);
  }
  failed = report.violations.length > 0;
  console.log(failed ? "ledger:verify FAILED" : "ledger:verify passed");
} finally {
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
