import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { MailAttachment } from "../../platform/email/mailer.js";

export const OUTBOX_STATUSES = ["pending", "sent", "logged", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Every email the platform sends. Without SMTP it is the mailbox admins read in the app. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    kind: text("kind").notNull(),
    /** Files sent with it (a booking's calendar invitation), or null. */
    attachments: jsonb("attachments").$type<MailAttachment[]>(),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** When its delivery job was queued; null after a crash between the insert and the queue (the sweep finds it). */
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [
    index("email_outbox_created_idx").on(table.createdAt, table.id),
    index("email_outbox_to_idx").on(table.toAddress, table.createdAt),
    index("email_outbox_unqueued_idx")
      .on(table.createdAt)
      .where(sql`${table.queuedAt} is null and ${table.status} = 'pending'`),
    check("email_outbox_status_check", sql`${table.status} in ('pending', 'sent', 'logged', 'failed')`),
  ],
);
