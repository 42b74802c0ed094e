import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import { usersPersonalData } from "./users.personal-data.js";
import { registerUsersRoutes } from "./users.routes.js";
import { createUsersService, type UsersService } from "./users.service.js";

/** People with accounts: profiles, roles and statuses, the admin user list. Sign-in is `auth`. */
export function createUsersModule(
  deps: Pick<Platform, "db" | "clock"> & { audit: AuditService },
): AppModule<UsersService> {
  const service = createUsersService(deps);
  return {
    name: "users",
    service,
    routes: (app) => registerUsersRoutes(app, service),
    personalData: usersPersonalData,
  };
}
