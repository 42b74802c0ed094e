import type { App } from "../../platform/http/server.js";
import { MAILBOX_COOKIE } from "./email.mailbox.js";
import { MailboxSchema, OutboxPageSchema, OutboxQuerySchema } from "./email.schemas.js";
import type { EmailService } from "./email.service.js";

export function registerEmailRoutes(
  app: App,
  email: Pick<EmailService, "listOutbox" | "mailboxEnabled" | "readMailbox">,
) {
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

  // Only while no SMTP server is configured and the payment sandbox is on; otherwise a 404.
  if (email.mailboxEnabled)
    app.get(
      "/api/v1/sandbox/mailbox",
      {
        config: { access: "public", rateLimit: { max: 120, timeWindow: 60_000 } },
        schema: {
          tags: ["sandbox"],
          summary:
            "The mail sent to the addresses this browser signed up with (sandbox without SMTP only; scoped by a signed cookie)",
          response: { 200: MailboxSchema },
        },
      },
      async (request) => email.readMailbox(request.cookies[MAILBOX_COOKIE]),
    );
}
