import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { readerApplicationsPersonalData } from "./reader-applications.personal-data.js";
import { registerApplicationRoutes } from "./reader-applications.routes.js";
import { type ApplicationsService, createApplicationsService } from "./reader-applications.service.js";

/** Applications to become a reader, and the admins' queue that decides them. */
export function createReaderApplicationsModule(
  deps: Pick<Platform, "db" | "clock"> & {
    users: UsersService;
    readers: ReadersService;
    audit: AuditService;
  },
): AppModule<ApplicationsService> {
  const service = createApplicationsService(deps);
  return {
    name: "reader-applications",
    service,
    routes: (app) => registerApplicationRoutes(app, service),
    personalData: readerApplicationsPersonalData,
  };
}
