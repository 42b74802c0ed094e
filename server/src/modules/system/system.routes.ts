import Type, { type Static } from "typebox";
import { DomainError } from "../../platform/http/errors.js";
import type { App } from "../../platform/http/server.js";
import { PublicConfigSchema } from "./system.schemas.js";
import type { SystemService } from "./system.service.js";

export function registerSystemRoutes(
  app: App,
  deps: { system: SystemService; publicConfig: Static<typeof PublicConfigSchema> },
) {
  app.get(
    "/health",
    {
      config: { access: "public" },
      schema: {
        tags: ["system"],
        summary: "The process is up",
        response: { 200: Type.Object({ status: Type.Literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/ready",
    {
      config: { access: "public" },
      schema: {
        tags: ["system"],
        summary: "The process can serve requests (database reachable)",
        response: { 200: Type.Object({ status: Type.Literal("ready") }) },
      },
    },
    async () => {
      if (!(await deps.system.isReady())) {
        throw new DomainError("SERVICE_UNAVAILABLE", "The database is not reachable.");
      }
      return { status: "ready" as const };
    },
  );
  app.get(
    "/api/v1/config",
    {
      config: { access: "public" },
      schema: {
        tags: ["system"],
        summary: "Settings the web app needs",
        response: { 200: PublicConfigSchema },
      },
    },
    async () => deps.publicConfig,
  );
}
