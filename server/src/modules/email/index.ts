import type { AppModule, Platform } from "../../platform/module.js";
import { emailPersonalData } from "./email.personal-data.js";
import { registerEmailRoutes } from "./email.routes.js";
import { createEmailService, type EmailService } from "./email.service.js";

/** Outgoing email: written to the outbox, then delivered by a job (SMTP, or the log without one). */
export function createEmailModule(
  deps: Pick<Platform, "db" | "jobs" | "mailer" | "clock" | "logger">,
): AppModule<EmailService> {
  const { deliveryJob, ...service } = createEmailService(deps);
  return {
    name: "email",
    personalData: emailPersonalData,
    service,
    routes: (app) => registerEmailRoutes(app, service),
    jobs: [deliveryJob],
  };
}
