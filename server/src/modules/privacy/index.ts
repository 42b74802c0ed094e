import type { AppModule, Platform } from "../../platform/module.js";
import type { PersonalDataTable } from "../../platform/personal-data.js";
import type { AuditService } from "../audit/audit.service.js";
import type { AuthService } from "../auth/auth.service.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { privacyPersonalData } from "./privacy.personal-data.js";
import { registerPrivacyRoutes } from "./privacy.routes.js";
import { createPrivacyService, type PrivacyService } from "./privacy.service.js";

/**
 * A person's rights over their data: download it all, delete the account (after an emailed
 * confirmation). Made last: it runs every module's personal-data declarations (`modules`).
 */
export function createPrivacyModule(
  deps: Pick<Platform, "db" | "clock" | "logger" | "storage" | "publicOrigin"> & {
    modules: readonly { personalData?: readonly PersonalDataTable[] }[];
    users: UsersService;
    auth: AuthService;
    audit: AuditService;
    email: Pick<EmailService, "send">;
    ledger: LedgerService;
    readings: ReadingsService;
    bookings: BookingsService;
  },
): AppModule<PrivacyService> {
  const registry = [...deps.modules.flatMap((module) => module.personalData ?? []), ...privacyPersonalData];
  const service = createPrivacyService({ ...deps, registry });
  return {
    name: "privacy",
    service,
    routes: (app) => registerPrivacyRoutes(app, service),
    personalData: privacyPersonalData,
  };
}
