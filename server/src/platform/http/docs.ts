import swaggerUi from "@fastify/swagger-ui";
import { sortKeysDeep } from "./openapi-document.js";
import type { App } from "./server.js";

/** Serves the OpenAPI 3.1 document at /api/openapi.json and a browsable page at /api/docs. */
export async function registerApiDocs(app: App) {
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    sortKeysDeep(app.swagger()),
  );
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    uiConfig: { url: "/api/openapi.json", docExpansion: "list", deepLinking: true },
  });
}
