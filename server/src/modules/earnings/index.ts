import type { AppModule, Platform } from "../../platform/module.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import { registerEarningsRoutes } from "./earnings.routes.js";
import { createEarningsService, type EarningsService } from "./earnings.service.js";

/** A reader's earnings: payable now, totals by period, a daily chart, recent readings with tips. */
export function createEarningsModule(
  deps: Pick<Platform, "clock"> & { ledger: LedgerService; readings: ReadingsService },
): AppModule<EarningsService> {
  const service = createEarningsService(deps);
  return { name: "earnings", service, routes: (app) => registerEarningsRoutes(app, service) };
}
