import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import { registerRefundsRoutes } from "./refunds.routes.js";
import { createRefundsService, type RefundsService } from "./refunds.service.js";

/** Admin refunds of readings and bookings (charges that are hold captures); wallet charges refund in wallets. */
export function createRefundsModule(
  deps: Pick<Platform, "db"> & {
    ledger: LedgerService;
    readings: ReadingsService;
    bookings: BookingsService;
    audit: AuditService;
  },
): AppModule<RefundsService> {
  const service = createRefundsService(deps);
  return { name: "refunds", service, routes: (app) => registerRefundsRoutes(app, service) };
}
