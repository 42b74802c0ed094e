import type pg from "pg";
import Type from "typebox";
import { databaseIsReady } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { App } from "../../platform/http/server.js";
import { PublicConfigSchema } from "../accounts/accounts.schemas.js";

export function registerSystemRoutes(
  app: App,
  deps: {
    pool: pg.Pool;
    publicConfig: { appName: string; auth0Enabled: boolean; minPasswordLength: number };
  },
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
      if (!(await databaseIsReady(deps.pool))) {
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
