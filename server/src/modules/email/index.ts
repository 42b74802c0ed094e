import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import { deriveSecret } from "../../platform/secrets.js";
import { createMailboxCookies } from "./email.mailbox.js";
import { emailPersonalData } from "./email.personal-data.js";
import { registerEmailRoutes } from "./email.routes.js";
import { createEmailService, type EmailService, SWEEP_INTERVAL_MS } from "./email.service.js";

/**
 * Outgoing email: written to the outbox, then delivered by a job (SMTP, or the log without one);
 * a sweep queues rows a crash left unqueued. Without SMTP and with the payment sandbox, the
 * sandbox mailbox lets a browser read the mail of the accounts it created.
 */
export function createEmailModule(
  deps: Pick<Platform, "db" | "jobs" | "mailer" | "clock" | "logger"> & {
    config: Pick<Config, "SMTP_URL" | "sandboxMailbox" | "publicUrl">;
    authSecret: string;
  },
): AppModule<EmailService> {
  const { config } = deps;
  const { deliveryJob, ...service } = createEmailService({
    ...deps,
    smtpConfigured: Boolean(config.SMTP_URL),
    mailbox: config.sandboxMailbox
      ? createMailboxCookies({
          secret: deriveSecret(deps.authSecret, "sandbox-mailbox"),
          secure: config.publicUrl.protocol === "https:",
        })
      : null,
  });
  return {
    name: "email",
    personalData: emailPersonalData,
    service,
    routes: (app) => registerEmailRoutes(app, service),
    jobs: [deliveryJob],
    timers: [
      { name: "stranded email sweep", everyMs: SWEEP_INTERVAL_MS, run: () => service.sweepStranded() },
    ],
  };
}
