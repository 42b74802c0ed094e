import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { waitlistPersonalData } from "./waitlist.personal-data.js";
import { registerWaitlistRoutes } from "./waitlist.routes.js";
import { createWaitlistService, type WaitlistService } from "./waitlist.service.js";

/** The sweep runs on the biller's beat, at most once a second. */
const MIN_SWEEP_MS = 1000;

/**
 * Readers' waiting lines: a client whose request went unanswered, or who found the reader busy,
 * waits in line; when the reader is free, the first in line is offered them for a while, and
 * nobody else can start a reading with that reader meanwhile (readings ask `admit`).
 */
export function createWaitlistModule(
  deps: Pick<Platform, "db" | "bus" | "clock" | "logger" | "publicOrigin"> & {
    config: Config;
    readers: ReadersService;
    users: UsersService;
    ledger: LedgerService;
    notifications: NotificationsService;
    email: EmailService;
  },
): AppModule<WaitlistService> {
  const { config } = deps;
  const service = createWaitlistService({
    ...deps,
    timings: { offerMs: config.CALLBACK_OFFER_MS, ttlMs: config.CALLBACK_TTL_MS },
  });
  return {
    name: "waitlist",
    personalData: waitlistPersonalData,
    service,
    routes: (app) => registerWaitlistRoutes(app, service),
    timers: [
      // Overdue offers lapse, free readers are offered to the first in their line.
      {
        name: "waitlist sweep",
        everyMs: Math.max(config.SESSION_BILLER_INTERVAL_MS, MIN_SWEEP_MS),
        run: () => service.sweep(),
      },
    ],
  };
}
