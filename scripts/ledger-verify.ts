// `npm run ledger:verify`: checks every ledger invariant over the whole database, prints a
// summary, and exits non-zero on any violation. Uses DATABASE_URL, or the embedded database.
import { createLedgerService } from "../server/src/modules/ledger/ledger.service.js";
import { createPaymentsRepository } from "../server/src/modules/payments/payments.repository.js";
import { systemClock } from "../server/src/platform/clock.js";
import { connectDatabase } from "../server/src/platform/db/database.js";
import { withConfiguredDatabase } from "./configured-database.js";

const failed = await withConfiguredDatabase(async (url) => {
  const database = connectDatabase(url, { maxConnections: 2 });
  try {
    const ledgerReport = await createLedgerService({ db: database.db, clock: systemClock }).verify();
    const topUpViolations = await createPaymentsRepository().topUpViolations(database.db);
    const checks = [...ledgerReport.checks, "top_ups_match_provider_events"];
    const violations = [...ledgerReport.violations, ...topUpViolations];
    console.log(
      `ledger:verify — ${ledgerReport.accounts} accounts, ${ledgerReport.transfers} transfers, ${ledgerReport.entries} entries`,
    );
    for (const check of checks) {
      const broken = violations.filter((violation) => violation.check === check);
      console.log(
        `  ${broken.length === 0 ? "ok  " : "FAIL"} ${check}${broken.length ? ` (${broken.length})` : ""}`,
      );
      for (const violation of broken) console.log(`         ${violation.detail}`);
    }
    console.log(violations.length > 0 ? "ledger:verify FAILED" : "ledger:verify passed");
    return violations.length > 0;
  } finally {
    await database.close();
  }
});
process.exit(failed ? 1 : 0);
