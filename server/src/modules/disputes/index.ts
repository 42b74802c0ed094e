import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import type { UsersService } from "../users/users.service.js";
import { disputesPersonalData } from "./disputes.personal-data.js";
import { createDisputesRepository } from "./disputes.repository.js";
import { registerDisputesRoutes } from "./disputes.routes.js";
import { createDisputesService, type DisputesService } from "./disputes.service.js";

/**
 * Card disputes of top-ups: booked from the processor's signed events (through the payments
 * webhook, in its transaction), queued for admins, resolved won or lost, the wallet unfrozen.
 */
export function createDisputesModule(
  deps: Pick<Platform, "db" | "clock"> & {
    ledger: LedgerService;
    payments: PaymentsService;
    audit: AuditService;
    users: UsersService;
  },
): AppModule<DisputesService> {
  const service = createDisputesService({ ...deps, repository: createDisputesRepository() });
  deps.payments.onEvents(["charge.dispute.created", "charge.dispute.closed"], (tx, event, provider) =>
    service.applyEvent(tx, event, provider),
  );
  return {
    name: "disputes",
    service,
    routes: (app) => registerDisputesRoutes(app, service),
    personalData: disputesPersonalData,
  };
}
