import type { Static } from "typebox";
import type { AppModule, Platform } from "../../platform/module.js";
import { registerSystemRoutes } from "./system.routes.js";
import type { PublicConfigSchema } from "./system.schemas.js";
import { createSystemService, type SystemService } from "./system.service.js";

/** Health, readiness, the web app's public settings, and one-time installation markers. */
export function createSystemModule(
  deps: Pick<Platform, "database"> & { publicConfig: Static<typeof PublicConfigSchema> },
): AppModule<SystemService> {
  const service = createSystemService({ db: deps.database.db, pool: deps.database.pool });
  return {
    name: "system",
    service,
    routes: (app) => registerSystemRoutes(app, { system: service, publicConfig: deps.publicConfig }),
  };
}
