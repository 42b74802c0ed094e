import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database } from "../../platform/db/database.js";
import type { MailAttachment, Mailer } from "../../platform/email/mailer.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { Jobs } from "../../platform/jobs/jobs.js";
import { defineJob } from "../../platform/module.js";
import { redactSecrets } from "../../platform/redact.js";
import type { MailboxCookies } from "./email.mailbox.js";
import { createEmailRepository, type OutboxRow } from "./email.repository.js";

const DELIVER_EMAIL_JOB = "email.deliver";
const MAX_ATTEMPTS = 5;
/** A pending row older than this without a queued job was stranded (a crash between insert and queue). */
export const STRANDED_AFTER_MS = 60_000;
/** How often each node sweeps for stranded rows (the sweep is idempotent; every node may run it). */
export const SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 100;
const MAILBOX_LIMIT = 50;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** What the email is for, e.g. verify-email, reset-password. */
  kind: string;
  /** Files sent with it (a booking's `.ics` invitation). */
  attachments?: MailAttachment[];
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
  /** Whether an SMTP server delivers the mail (then the outbox shows bodies with tokens redacted). */
  smtpConfigured: boolean;
  /** The sandbox mailbox's cookies; null when the mailbox is off (SMTP configured or no sandbox). */
  mailbox: MailboxCookies | null;
}) {
  const repository = createEmailRepository(deps.db);

  /** Queues the row's delivery job; the outbox id is the job id, so a second queue adds nothing. */
  async function queue(outboxId: string) {
    await deps.jobs.send(DELIVER_EMAIL_JOB, { outboxId }, { id: outboxId });
    await repository.markQueued(outboxId, deps.clock.now());
  }

  const toMailboxDto = (row: OutboxRow) => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    textBody: row.textBody,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
  });

  async function deliver(outboxId: string): Promise<void> {
    const row = await repository.findById(outboxId);
    if (row?.status !== "pending") return;
    try {
      const outcome = await deps.mailer.deliver({
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody,
        attachments: row.attachments ?? [],
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
        attachments: email.attachments && email.attachments.length > 0 ? email.attachments : null,
      });
      await queue(row.id);
      return row.id;
    },
    /**
     * Queues every pending row whose job was never queued (its node crashed between the insert
     * and the queue). Run by a timer; safe on every node at once (one job per row).
     */
    async sweepStranded(): Promise<number> {
      const before = new Date(deps.clock.now().getTime() - STRANDED_AFTER_MS);
      const stranded = await repository.findUnqueued(before, SWEEP_BATCH);
      for (const row of stranded) await queue(row.id);
      if (stranded.length > 0) deps.logger.warn({ count: stranded.length }, "queued stranded emails");
      return stranded.length;
    },
    /** Whether the sandbox mailbox exists (no SMTP server, payment sandbox on). */
    mailboxEnabled: deps.mailbox !== null,
    /** The Set-Cookie header that lets this browser read the mail of an account it just created. */
    grantMailbox(existingCookie: string | undefined, account: { email: string; createdAt: string }) {
      return (
        deps.mailbox?.grant(existingCookie, {
          address: account.email.toLowerCase(),
          // A minute of slack for the clocks of this node and the database.
          sinceMs: new Date(account.createdAt).getTime() - 60_000,
        }) ?? null
      );
    },
    /** The mail this browser may read in the sandbox mailbox: only its granted addresses. */
    async readMailbox(cookie: string | undefined) {
      const grants = deps.mailbox?.read(cookie) ?? [];
      const rows: OutboxRow[] = [];
      for (const grant of grants)
        rows.push(...(await repository.listTo(grant.address, new Date(grant.sinceMs), MAILBOX_LIMIT)));
      rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      return {
        addresses: grants.map((grant) => grant.address),
        items: rows.slice(0, MAILBOX_LIMIT).map(toMailboxDto),
      };
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
          // Once mail really goes out, its links belong to the recipient alone.
          textBody: deps.smtpConfigured ? redactSecrets(row.textBody) : row.textBody,
          kind: row.kind,
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          sentAt: row.sentAt?.toISOString() ?? null,
        })),
      };
    },
  };
}
