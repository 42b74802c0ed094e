import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import type { UsersService } from "../users/users.service.js";
import { registerWalletRoutes } from "./wallets.routes.js";
import { createWalletsService, type WalletsService } from "./wallets.service.js";

/** Clients' wallets (balance, history, spending limits) and the admin money desk. */
export function createWalletsModule(
  deps: Pick<Platform, "db" | "clock" | "logger" | "metrics"> & {
    config: Pick<Config, "LEDGER_CHECK_INTERVAL_MINUTES">;
    ledger: LedgerService;
    payments: PaymentsService;
    audit: AuditService;
    users: UsersService;
  },
): AppModule<WalletsService> {
  const service = createWalletsService(deps);
  deps.metrics.gauge({
    name: "soulseer_ledger_check_status",
    help: "This node's latest ledger check: 1 every invariant holds, 0 violations found, -1 not run yet.",
    read: () => {
      const last = service.lastCheck();
      return [{ value: last === null ? -1 : last.ok ? 1 : 0 }];
    },
  });
  deps.metrics.gauge({
    name: "soulseer_ledger_check_violations",
    help: "Violations found by this node's latest ledger check.",
    read: () => {
      const last = service.lastCheck();
      return last ? [{ value: last.violations }] : [];
    },
  });
  deps.metrics.gauge({
    name: "soulseer_ledger_check_timestamp_seconds",
    help: "When this node's latest ledger check ran (Unix seconds).",
    read: () => {
      const last = service.lastCheck();
      return last ? [{ value: last.at.getTime() / 1000 }] : [];
    },
  });
  const everyMs = deps.config.LEDGER_CHECK_INTERVAL_MINUTES * 60_000;
  const check = async () => {
    const report = await service.verify();
    if (!report.ok) deps.logger.error({ violations: report.violations }, "ledger check found violations");
  };
  return {
    name: "wallets",
    service,
    routes: (app) => registerWalletRoutes(app, service),
    timers: everyMs > 0 ? [{ name: "ledger check", everyMs, run: check }] : [],
  };
}
