import type { AppModule, Platform } from "../../platform/module.js";
import { auditPersonalData } from "./audit.personal-data.js";
import { registerAuditRoutes } from "./audit.routes.js";
import { type AuditService, createAuditService } from "./audit.service.js";

/** The audit trail: every admin action, refund, adjustment and role change, written with the action. */
export function createAuditModule(deps: Pick<Platform, "db">): AppModule<AuditService> {
  const service = createAuditService({ db: deps.db });
  return {
    name: "audit",
    service,
    routes: (app) => registerAuditRoutes(app, service),
    personalData: auditPersonalData(deps.db),
  };
}
