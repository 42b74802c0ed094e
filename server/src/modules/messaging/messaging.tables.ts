import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";
import type { Side } from "./messaging.schemas.js";

/**
 * One conversation per client and reader. Unread counts are kept here per side (cleared when that
 * side reads, from any device); a block by either side stops new messages.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    clientUnread: integer("client_unread").notNull().default(0),
    readerUnread: integer("reader_unread").notNull().default(0),
    blockedBy: text("blocked_side").$type<Side>(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true, precision: 3 }),
    /** Who wrote the latest message (a reader's inbox shows the ones a client waits on first). */
    lastMessageSide: text("last_message_side").$type<Side>(),
    /** When each side last read the conversation (read receipts for the other side). */
    clientReadAt: timestamp("client_read_at", { withTimezone: true, precision: 3 }),
    readerReadAt: timestamp("reader_read_at", { withTimezone: true, precision: 3 }),
    /** Each side may archive the conversation out of its list; a new message brings it back. */
    clientArchivedAt: timestamp("client_archived_at", { withTimezone: true, precision: 3 }),
    readerArchivedAt: timestamp("reader_archived_at", { withTimezone: true, precision: 3 }),
    /** When to check whether each side should be emailed about unread messages (null: nothing due). */
    clientEmailDueAt: timestamp("client_email_due_at", { withTimezone: true, precision: 3 }),
    readerEmailDueAt: timestamp("reader_email_due_at", { withTimezone: true, precision: 3 }),
    /** The last email each side got about this conversation (at most one an hour). */
    clientEmailedAt: timestamp("client_emailed_at", { withTimezone: true, precision: 3 }),
    readerEmailedAt: timestamp("reader_emailed_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex("conversations_pair").on(table.clientUserId, table.readerUserId),
    index("conversations_client_idx").on(table.clientUserId, table.lastMessageAt),
    index("conversations_reader_idx").on(table.readerUserId, table.lastMessageAt),
    index("conversations_client_email_due_idx")
      .on(table.clientEmailDueAt)
      .where(sql`${table.clientEmailDueAt} is not null`),
    index("conversations_reader_email_due_idx")
      .on(table.readerEmailDueAt)
      .where(sql`${table.readerEmailDueAt} is not null`),
    check("conversations_blocked_side_check", sql`${table.blockedBy} in ('client', 'reader')`),
    check("conversations_last_side_check", sql`${table.lastMessageSide} in ('client', 'reader')`),
    check("conversations_unread_check", sql`${table.clientUnread} >= 0 and ${table.readerUnread} >= 0`),
    check("conversations_two_people", sql`${table.clientUserId} <> ${table.readerUserId}`),
  ],
);

/**
 * A message. A reader's paid reply keeps its text locked from the client until the client pays
 * (`unlocked_at`, the ledger transfer); it cannot be edited, and can be withdrawn while locked.
 */
export const conversationMessages = pgTable(
  "conversation_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Order of writing (several messages may share a millisecond). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    senderUserId: text("sender_user_id").references(() => users.id),
    side: text("side").$type<Side>().notNull(),
    /** As written (admins see this in a reported conversation). */
    body: text("body").notNull(),
    /** As both sides see it: contact details hidden (null: as written). */
    shownBody: text("shown_body"),
    shownPreview: text("shown_preview"),
    contactHidden: boolean("contact_hidden").notNull().default(false),
    priceCents: integer("price_cents"),
    preview: text("preview"),
    unlockedAt: timestamp("unlocked_at", { withTimezone: true, precision: 3 }),
    unlockTransferId: uuid("unlock_transfer_id"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, precision: 3 }),
    /** A client's words suggest self-harm: they were shown crisis lines, the reader a note. */
    crisis: boolean("crisis").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    index("conversation_messages_conversation_idx").on(table.conversationId, table.seq),
    check("conversation_messages_side_check", sql`${table.side} in ('client', 'reader')`),
    check(
      "conversation_messages_price_check",
      sql`${table.priceCents} is null or (${table.side} = 'reader' and ${table.priceCents} between 100 and 2500)`,
    ),
    check(
      "conversation_messages_unlock_check",
      sql`${table.unlockedAt} is null or (${table.priceCents} is not null and ${table.withdrawnAt} is null)`,
    ),
  ],
);

/** A reader's saved replies (templates) for answers they give often. */
export const replyTemplates = pgTable(
  "reply_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index("reply_templates_reader_idx").on(table.readerUserId, table.createdAt)],
);

/** A report of a conversation to the admins (who may then read it as written, audit-logged). */
export const conversationReports = pgTable(
  "conversation_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    reporterUserId: text("reporter_user_id").references(() => users.id),
    side: text("side").$type<Side>().notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
    resolvedBy: text("resolved_by"),
    resolution: text("resolution"),
  },
  (table) => [
    index("conversation_reports_open_idx").on(table.resolvedAt, table.createdAt),
    index("conversation_reports_conversation_idx").on(table.conversationId),
    check("conversation_reports_side_check", sql`${table.side} in ('client', 'reader')`),
  ],
);

/**
 * An image a person attached to a message: re-encoded WebP in object storage (metadata gone),
 * uploaded first, then claimed by the message that carries it; read through short-lived signed
 * links by the conversation's two people only (a locked paid reply's images only once unlocked).
 */
export const messageAttachments = pgTable(
  "message_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    uploaderUserId: text("uploader_user_id").references(() => users.id),
    messageId: uuid("message_id").references(() => conversationMessages.id),
    storageKey: text("storage_key"),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    index("message_attachments_message_idx").on(table.messageId),
    index("message_attachments_uploader_idx").on(table.uploaderUserId, table.createdAt),
  ],
);
