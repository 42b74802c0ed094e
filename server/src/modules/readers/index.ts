import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { AuditService } from "../audit/audit.service.js";
import type { AuthService } from "../auth/auth.service.js";
import type { EmailService } from "../email/email.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { PresenceService } from "../presence/presence.service.js";
import type { UsersService } from "../users/users.service.js";
import { createReaderAdminService } from "./readers.admin.js";
import { registerReaderAdminRoutes } from "./readers.admin.routes.js";
import { readersPersonalData } from "./readers.personal-data.js";
import { createReaderPhotosService } from "./readers.photos.js";
import { registerReaderPhotoRoutes } from "./readers.photos.routes.js";
import { createReaderRoom } from "./readers.room.js";
import { registerReaderRoutes } from "./readers.routes.js";
import { createReadersService, type ReadersService } from "./readers.service.js";

/**
 * Readers: public profiles and photos, status (and its live `reader:<id>` room), favorites, and
 * the admins' management of readers. A reader whose last connection is gone goes offline.
 */
export function createReadersModule(
  deps: Pick<Platform, "db" | "bus" | "clock" | "logger" | "storage" | "publicOrigin"> & {
    config: Config;
    users: UsersService;
    auth: AuthService;
    audit: AuditService;
    email: EmailService;
    notifications: NotificationsService;
    presence: PresenceService;
  },
): AppModule<ReadersService> {
  const service = createReadersService(deps);
  const admin = createReaderAdminService({ ...deps, readers: service });
  const photos = createReaderPhotosService({ ...deps, storage: deps.storage });
  const reader = createReaderRoom(deps);
  deps.presence.onGone((userId) => service.presenceGone(userId));
  // Readers left online without a live connection (a node that died, a status set with no app
  // open) go offline, checked after each presence heartbeat.
  deps.presence.afterHeartbeat(() => service.sweepAbsentReaders(deps.config.PRESENCE_OFFLINE_DELAY_MS));
  return {
    name: "readers",
    personalData: readersPersonalData,
    service,
    routes: async (app) => {
      registerReaderRoutes(app, service);
      registerReaderAdminRoutes(app, admin);
      await registerReaderPhotoRoutes(app, photos);
    },
    rooms: { reader: reader.room },
    close: async () => {
      reader.close();
    },
  };
}
