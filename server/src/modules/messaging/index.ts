import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { PresenceService } from "../presence/presence.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { registerAttachmentRoutes } from "./messaging.attachments.routes.js";
import { messagingPersonalData } from "./messaging.personal-data.js";
import { registerMessagingRoutes } from "./messaging.routes.js";
import {
  CLIENT_MESSAGES,
  createMessagingService,
  type MessagingService,
  READER_MESSAGES,
} from "./messaging.service.js";

/**
 * Messages between clients and readers: one conversation per pair, free messages, readers' paid
 * replies unlocked by the client through the ledger (70/30), unread counts and live updates,
 * offline emails, saved replies, blocking, archiving and reports to the admins.
 */
export function createMessagingModule(
  deps: Pick<Platform, "db" | "bus" | "clock" | "logger" | "publicOrigin" | "storage"> & {
    config: Config;
    ledger: LedgerService;
    readers: ReadersService;
    users: UsersService;
    readings: ReadingsService;
    notifications: NotificationsService;
    email: EmailService;
    presence: PresenceService;
    audit: AuditService;
    limits: LimitsService;
  },
): AppModule<MessagingService> {
  // Product.md section 6: clients write 10 messages a minute; a reader answering many clients, 60.
  deps.limits.define(CLIENT_MESSAGES, { max: 10, windowMs: 60_000, what: "messages" });
  deps.limits.define(READER_MESSAGES, { max: 60, windowMs: 60_000, what: "messages" });
  const service = createMessagingService({
    ...deps,
    readerShareBasisPoints: deps.config.READER_SHARE_BASIS_POINTS,
  });
  return {
    name: "messaging",
    personalData: messagingPersonalData,
    service,
    routes: async (app) => {
      registerMessagingRoutes(app, service);
      await registerAttachmentRoutes(app, service);
    },
    timers: [
      {
        name: "emails about unread messages",
        everyMs: deps.config.MESSAGE_EMAIL_CHECK_MS,
        run: () => service.sweepEmails(),
      },
    ],
  };
}
