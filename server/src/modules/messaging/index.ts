import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { messagingPersonalData } from "./messaging.personal-data.js";
import { registerMessagingRoutes } from "./messaging.routes.js";
import { createMessagingService, type MessagingService } from "./messaging.service.js";

/**
 * Messages between clients and readers: one conversation per pair, free messages, readers' paid
 * replies unlocked by the client through the ledger (70/30), unread counts, blocking.
 */
export function createMessagingModule(
  deps: Pick<Platform, "db" | "clock"> & {
    config: Config;
    ledger: LedgerService;
    readers: ReadersService;
    users: UsersService;
  },
): AppModule<MessagingService> {
  const service = createMessagingService({
    ...deps,
    readerShareBasisPoints: deps.config.READER_SHARE_BASIS_POINTS,
  });
  return {
    name: "messaging",
    personalData: messagingPersonalData,
    service,
    routes: (app) => registerMessagingRoutes(app, service),
  };
}
