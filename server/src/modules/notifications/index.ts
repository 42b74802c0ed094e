import type { AppModule, Platform } from "../../platform/module.js";
import { notificationsPersonalData } from "./notifications.personal-data.js";
import { registerNotificationRoutes } from "./notifications.routes.js";
import { createNotificationsService, type NotificationsService } from "./notifications.service.js";

/** In-app notifications: stored, and pushed live to the user's sockets when the write commits. */
export function createNotificationsModule(
  deps: Pick<Platform, "db" | "bus" | "clock">,
): AppModule<NotificationsService> {
  const service = createNotificationsService(deps);
  return {
    name: "notifications",
    service,
    routes: (app) => registerNotificationRoutes(app, service),
    personalData: notificationsPersonalData,
  };
}
