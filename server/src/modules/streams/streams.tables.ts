import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";
import type { StreamStatus, StreamVisibility } from "./streams.state.js";

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A reader's live stream: scheduled, live (or reconnecting while the reader's connection is
 * down, for at most 2 minutes), then ended; a scheduled one may be cancelled. Premium streams
 * carry a ticket price; private ones are seen only by invited clients.
 */
export const streams = pgTable(
  "streams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    topic: text("topic").notNull(),
    visibility: text("visibility").$type<StreamVisibility>().notNull(),
    ticketPriceCents: integer("ticket_price_cents"),
    status: text("status").$type<StreamStatus>().notNull(),
    scheduledFor: at("scheduled_for"),
    startedAt: at("started_at"),
    /** When the reader's media connection dropped (status reconnecting), to end it 2 minutes later. */
    reconnectingSince: at("reconnecting_since"),
    endedAt: at("ended_at"),
    /** Why it ended: the reader, an admin, a lost connection, or (cancelled) a missed start. */
    endReason: text("end_reason"),
    endedByUserId: text("ended_by_user_id").references(() => users.id),
    peakViewers: integer("peak_viewers").notNull().default(0),
    /** Reminders were sent (a scheduled stream's start), so a repeat sends none. */
    remindedAt: at("reminded_at"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    index("streams_status_idx").on(table.status, table.startedAt),
    index("streams_reader_idx").on(table.readerUserId, table.createdAt),
    // One stream at a time per reader that is on air (live or reconnecting).
    uniqueIndex("streams_one_on_air")
      .on(table.readerUserId)
      .where(sql`${table.status} in ('live', 'reconnecting')`),
    check("streams_visibility_check", sql`${table.visibility} in ('public', 'private', 'premium')`),
    check(
      "streams_status_check",
      sql`${table.status} in ('scheduled', 'live', 'reconnecting', 'ended', 'cancelled')`,
    ),
    check(
      "streams_ticket_check",
      sql`(${table.visibility} = 'premium') = (${table.ticketPriceCents} is not null)
        and (${table.ticketPriceCents} is null or ${table.ticketPriceCents} between 100 and 5000)`,
    ),
    check("streams_peak_check", sql`${table.peakViewers} >= 0`),
  ],
);

/** Clients a reader invited to a private stream. */
export const streamInvitations = pgTable(
  "stream_invitations",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.streamId, table.clientUserId] })],
);

/** A bought ticket: one per viewer and stream; refunded in full when the stream failed its viewers. */
export const streamTickets = pgTable(
  "stream_tickets",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    priceCents: integer("price_cents").notNull(),
    transferId: uuid("transfer_id").notNull(),
    refundedAt: at("refunded_at"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.streamId, table.clientUserId] }),
    index("stream_tickets_client_idx").on(table.clientUserId, table.createdAt),
    check("stream_tickets_price_check", sql`${table.priceCents} > 0`),
  ],
);

/** The admin-managed catalog of gifts a viewer can send; a retired gift is inactive, never deleted. */
export const giftCatalog = pgTable(
  "gift_catalog",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    priceCents: integer("price_cents").notNull(),
    /** The animation played for everyone (a name the web app draws in CSS/SVG). */
    animation: text("animation").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("gift_catalog_name").on(sql`lower(${table.name})`),
    check("gift_catalog_price_check", sql`${table.priceCents} between 1 and 100000`),
  ],
);

/** A gift sent in a stream: the ledger transfer (70/30) and what was sent, at its price then. */
export const streamGifts = pgTable(
  "stream_gifts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    senderUserId: text("sender_user_id").references(() => users.id),
    giftId: uuid("gift_id")
      .notNull()
      .references(() => giftCatalog.id),
    priceCents: integer("price_cents").notNull(),
    transferId: uuid("transfer_id").notNull(),
    /** The sender's key: a repeat answers the first gift and moves no money twice. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: at("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("stream_gifts_key").on(table.senderUserId, table.idempotencyKey),
    index("stream_gifts_stream_idx").on(table.streamId, table.createdAt),
    check("stream_gifts_price_check", sql`${table.priceCents} > 0`),
  ],
);

/** Each supporter's gifts in a stream, summed as they are sent (the stream's board). */
export const streamSupporters = pgTable(
  "stream_supporters",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    totalCents: integer("total_cents").notNull(),
    giftCount: integer("gift_count").notNull(),
    lastGiftAt: at("last_gift_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.streamId, table.userId] }),
    index("stream_supporters_board_idx").on(table.streamId, table.totalCents),
  ],
);

/** Live chat of a stream: plain text up to 500 characters; the reader may delete a message. */
export const streamChatMessages = pgTable(
  "stream_chat_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    senderUserId: text("sender_user_id").references(() => users.id),
    body: text("body").notNull(),
    /** The text as shown (contact details masked). */
    shownBody: text("shown_body").notNull(),
    deletedAt: at("deleted_at"),
    createdAt: at("created_at").notNull(),
  },
  (table) => [index("stream_chat_stream_idx").on(table.streamId, table.seq)],
);

/** Viewers the reader muted for one stream: their messages vanish and they cannot write. */
export const streamMutes = pgTable(
  "stream_mutes",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.streamId, table.userId] })],
);

/** Everyone who watched a stream (a signed-in user once; a signed-out socket once each). */
export const streamViewers = pgTable(
  "stream_viewers",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    viewerKey: text("viewer_key").notNull(),
    firstSeenAt: at("first_seen_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.streamId, table.viewerKey] })],
);

/** How many viewers each app node holds for a stream now (summed into the viewer count). */
export const streamNodeViewers = pgTable(
  "stream_node_viewers",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    nodeId: text("node_id").notNull(),
    viewers: integer("viewers").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.streamId, table.nodeId] })],
);

/**
 * Where a live stream's publisher is connected: its node and that node's internal address, which
 * other nodes' relays read from (decision 0022).
 */
export const streamRelays = pgTable("stream_relays", {
  streamId: uuid("stream_id")
    .primaryKey()
    .references(() => streams.id),
  nodeId: text("node_id").notNull(),
  internalUrl: text("internal_url").notNull(),
  updatedAt: at("updated_at").notNull(),
});

/** "Remind me" on a scheduled stream: a notification when it starts. */
export const streamReminders = pgTable(
  "stream_reminders",
  {
    streamId: uuid("stream_id")
      .notNull()
      .references(() => streams.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.streamId, table.userId] })],
);
