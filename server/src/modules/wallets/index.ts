import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import type { UsersService } from "../users/users.service.js";
import { registerWalletRoutes } from "./wallets.routes.js";
import { createWalletsService, type WalletsService } from "./wallets.service.js";

/** Clients' wallets (balance, history, spending limits) and the admin money desk. */
export function createWalletsModule(
  deps: Pick<Platform, "db" | "clock"> & {
    ledger: LedgerService;
    payments: PaymentsService;
    audit: AuditService;
    users: UsersService;
  },
): AppModule<WalletsService> {
  const service = createWalletsService(deps);
  return { name: "wallets", service, routes: (app) => registerWalletRoutes(app, service) };
}
