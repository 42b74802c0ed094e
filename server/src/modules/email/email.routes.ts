import type { App } from "../../platform/http/server.js";
import { OutboxPageSchema, OutboxQuerySchema } from "./email.schemas.js";
import type { EmailService } from "./email.service.js";

export function registerEmailRoutes(app: App, email: Pick<EmailService, "listOutbox">) {
  app.get(
    "/api/v1/admin/outbox",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "Emails the platform sent (the mailbox when no SMTP server is configured)",
        querystring: OutboxQuerySchema,
        response: { 200: OutboxPageSchema },
      },
    },
    async (request) => email.listOutbox(request.query),
  );
}
