import type { AppModule, Platform } from "../../platform/module.js";
import { ledgerPersonalData } from "./ledger.personal-data.js";
import { createLedgerService, type LedgerService } from "./ledger.service.js";

/** The double-entry ledger: the only code that moves money. Its routes are the wallets' and payments'. */
export function createLedgerModule(deps: Pick<Platform, "db" | "clock">): AppModule<LedgerService> {
  return {
    name: "ledger",
    service: createLedgerService({ db: deps.db, clock: deps.clock }),
    personalData: ledgerPersonalData(deps.db),
  };
}
