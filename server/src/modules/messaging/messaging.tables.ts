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
  },
  (table) => [
    uniqueIndex("conversations_pair").on(table.clientUserId, table.readerUserId),
    index("conversations_client_idx").on(table.clientUserId, table.lastMessageAt),
    index("conversations_reader_idx").on(table.readerUserId, table.lastMessageAt),
    check("conversations_blocked_side_check", sql`${table.blockedBy} in ('client', 'reader')`),
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
