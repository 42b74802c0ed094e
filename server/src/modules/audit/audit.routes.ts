import type { App } from "../../platform/http/server.js";
import { AuditPageSchema, AuditQuerySchema } from "./audit.schemas.js";
import type { AuditService } from "./audit.service.js";

export function registerAuditRoutes(app: App, audit: AuditService) {
  app.get(
    "/api/v1/admin/audit-log",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "Read the audit log, newest first, with filters",
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      return audit.list({
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  );
}
