import type { AppModule, Platform } from "../../platform/module.js";
import type { AuthService } from "../auth/auth.service.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { StreamsService } from "../streams/streams.service.js";
import type { UsersService } from "../users/users.service.js";
import { registerModerationRoutes } from "./moderation.routes.js";
import { createModerationService, type ModerationService } from "./moderation.service.js";

/**
 * Account standing: admins suspend, ban and restore any account (made after readings, whose
 * open readings a suspension or ban ends). The refusals themselves are the access guard's
 * (`allowSuspended`), the live hub's and the sign-in's; this module changes the standing.
 */
export function createModerationModule(
  deps: Pick<Platform, "logger"> & {
    users: UsersService;
    auth: AuthService;
    readers: ReadersService;
    readings: ReadingsService;
    bookings: BookingsService;
    streams: StreamsService;
  },
): AppModule<ModerationService> {
  const service = createModerationService(deps);
  return { name: "moderation", service, routes: (app) => registerModerationRoutes(app, service) };
}
