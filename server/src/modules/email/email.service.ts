import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database } from "../../platform/db/database.js";
import type { Mailer } from "../../platform/email/mailer.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { Jobs } from "../../platform/jobs/jobs.js";
import { defineJob } from "../../platform/module.js";
import { createEmailRepository } from "./email.repository.js";

const DELIVER_EMAIL_JOB = "email.deliver";
const MAX_ATTEMPTS = 5;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** What the email is for, e.g. verify-email, reset-password. */
  kind: string;
}

export type EmailService = Omit<ReturnType<typeof createEmailService>, "deliveryJob">;

/**
 * Every email is first written to the outbox, then delivered by a job: through SMTP when
 * configured, otherwise to the log (the outbox is then the mailbox admins read in the app).
 */
export function createEmailService(deps: {
  db: Database;
  jobs: Jobs;
  mailer: Mailer;
  clock: Clock;
  logger: FastifyBaseLogger;
}) {
  const repository = createEmailRepository(deps.db);

  async function deliver(outboxId: string): Promise<void> {
    const row = await repository.findById(outboxId);
    if (row?.status !== "pending") return;
    try {
      const outcome = await deps.mailer.deliver({
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
      });
      await repository.markDelivered(row.id, outcome, deps.clock.now());
    } catch (error) {
      const final = row.attempts + 1 >= MAX_ATTEMPTS;
      await repository.recordFailure(row.id, String(error), final);
      deps.logger.warn({ err: error, outboxId }, "email delivery failed");
      if (!final) throw error;
    }
  }

  return {
    /** The delivery job: one outbox row through the mailer, retried up to MAX_ATTEMPTS times. */
    deliveryJob: defineJob<{ outboxId: string }>({
      name: DELIVER_EMAIL_JOB,
      retryLimit: MAX_ATTEMPTS,
      handle: (data) => deliver(data.outboxId),
    }),
    async send(email: OutgoingEmail): Promise<string> {
      const row = await repository.insert({
        toAddress: email.to,
        subject: email.subject,
        textBody: email.text,
        kind: email.kind,
      });
      await deps.jobs.send(DELIVER_EMAIL_JOB, { outboxId: row.id });
      return row.id;
    },
    async listOutbox(query: { cursor?: string; limit?: number }) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await repository.list({ cursor: decodeCursor(query.cursor), limit });
      const page = toPage(rows, limit);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((row) => ({
          id: row.id,
          to: row.toAddress,
          subject: row.subject,
          textBody: row.textBody,
          kind: row.kind,
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
      };
    },
  };
}
