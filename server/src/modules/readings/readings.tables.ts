import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
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
import type { Modality } from "./readings.schemas.js";
import type { ReadingCause, ReadingState } from "./readings.state.js";

export type ReadingPricing = "per_unit" | "flat";

const OPEN = sql`state in ('created', 'waiting', 'active', 'paused', 'reconnecting')`;

/**
 * An on-demand reading. The rate and the billing unit are locked when it is created. The meter
 * (billed time, the open unit's hold, units captured) is kept here and advanced by the biller,
 * which picks rows whose `dueAt` has come with `FOR NO KEY UPDATE SKIP LOCKED`.
 */
export const readings = pgTable(
  "reading_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    modality: text("modality").$type<Modality>().notNull(),
    /** Both sides' names and the reader's page as they were when the reading was asked for. */
    clientName: text("client_name"),
    readerName: text("reader_name"),
    readerSlug: text("reader_slug"),
    ratePerUnitCents: bigint("rate_per_unit_cents", { mode: "number" }).notNull(),
    unitMs: integer("unit_ms").notNull(),
    readerShareBasisPoints: integer("reader_share_basis_points").notNull(),
    state: text("state").$type<ReadingState>().notNull(),
    endCause: text("end_cause").$type<ReadingCause>(),
    /** Connected, active time accounted up to `accruedAt`. */
    billedMs: bigint("billed_ms", { mode: "number" }).notNull().default(0),
    accruedAt: timestamp("accrued_at", { withTimezone: true, precision: 3 }),
    heldUnit: integer("held_unit"),
    holdId: uuid("hold_id"),
    capturedUnits: integer("captured_units").notNull().default(0),
    chargedCents: bigint("charged_cents", { mode: "number" }).notNull().default(0),
    readerShareCents: bigint("reader_share_cents", { mode: "number" }).notNull().default(0),
    /** When the biller should next look: the ring or grace deadline, or the next unit boundary. */
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }),
    /** A drop or a pause for funds ends the reading at this moment unless resolved. */
    graceEndsAt: timestamp("grace_ends_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, precision: 3 }),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 3 }),
    finalizedAt: timestamp("finalized_at", { withTimezone: true, precision: 3 }),
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true, precision: 3 }).notNull(),
    /**
     * `flat` for a booked reading: `ratePerUnitCents` is the whole price and `unitMs` the booked
     * length, so the one meter counts its connected time; the booking's hold (`holdId`) pays it.
     */
    pricing: text("pricing").$type<ReadingPricing>().notNull().default("per_unit"),
    bookingId: uuid("booking_id"),
    /** A booked reading's slot: it cannot start before it and ends at its end. */
    scheduledStartAt: timestamp("scheduled_start_at", { withTimezone: true, precision: 3 }),
    scheduledEndAt: timestamp("scheduled_end_at", { withTimezone: true, precision: 3 }),
    /** A booked reading: when each side first came into the room (the no-show rules read them). */
    clientJoinedAt: timestamp("client_joined_at", { withTimezone: true, precision: 3 }),
    readerJoinedAt: timestamp("reader_joined_at", { withTimezone: true, precision: 3 }),
    /** The reader's short summary note for the client, written after the reading. */
    readerNote: text("reader_note"),
    readerNoteAt: timestamp("reader_note_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    // One open reading per reader and per client at a time.
    uniqueIndex("reading_sessions_open_reader").on(table.readerUserId).where(OPEN),
    uniqueIndex("reading_sessions_open_client").on(table.clientUserId).where(OPEN),
    index("reading_sessions_due_idx")
      .on(table.dueAt)
      .where(sql`state in ('created', 'waiting', 'active', 'paused', 'reconnecting', 'ended')`),
    index("reading_sessions_client_idx").on(table.clientUserId, table.createdAt),
    index("reading_sessions_reader_idx").on(table.readerUserId, table.createdAt),
    check(
      "reading_sessions_state_check",
      sql`${table.state} in ('created', 'waiting', 'active', 'paused', 'reconnecting', 'ended', 'finalized')`,
    ),
    uniqueIndex("reading_sessions_booking_unique").on(table.bookingId).where(sql`booking_id is not null`),
    check("reading_sessions_pricing_check", sql`${table.pricing} in ('per_unit', 'flat')`),
    check(
      "reading_sessions_flat_check",
      sql`(${table.pricing} = 'flat') = (${table.bookingId} is not null and ${table.scheduledStartAt} is not null and ${table.scheduledEndAt} is not null)`,
    ),
    check("reading_sessions_modality_check", sql`${table.modality} in ('chat', 'voice', 'video')`),
    check(
      "reading_sessions_meter_check",
      sql`${table.billedMs} >= 0 and ${table.chargedCents} >= 0 and ${table.ratePerUnitCents} > 0 and ${table.unitMs} >= 1000`,
    ),
  ],
);

/** Every transition, with its time and cause. */
export const readingTransitions = pgTable(
  "session_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    readingId: uuid("session_id")
      .notNull()
      .references(() => readings.id),
    fromState: text("from_state").$type<ReadingState>(),
    toState: text("to_state").$type<ReadingState>().notNull(),
    cause: text("cause").$type<ReadingCause>().notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index("session_transitions_session_idx").on(table.readingId, table.id)],
);

/**
 * Each participant's live connections to a reading's room, per app node. A participant is
 * connected while a row with connections > 0 exists on a node that is alive. `seenAt` is the last
 * frame or keepalive any of those sockets sent, as the node knew it at its last heartbeat (the
 * node keeps it in memory and writes it with its heartbeat): billing never counts past it.
 */
export const readingConnections = pgTable(
  "session_connections",
  {
    readingId: uuid("session_id")
      .notNull()
      .references(() => readings.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    nodeId: text("node_id").notNull(),
    connections: integer("connections").notNull(),
    seenAt: timestamp("seen_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    primaryKey({ columns: [table.readingId, table.userId, table.nodeId] }),
    index("session_connections_node_idx").on(table.nodeId),
  ],
);

/** App nodes and their last heartbeat; billing never counts past a node's last sign of life. */
export const appNodes = pgTable("app_nodes", {
  id: text("id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }).notNull(),
  seenAt: timestamp("seen_at", { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * Chat messages of a reading: the transcript kept in reading history. A client-chosen id makes a
 * resend idempotent; delivery is when the other side's app confirmed it. No foreign keys (decision
 * 0011): the one statement that stores messages stores only those of an existing, active reading
 * sent by one of its two participants, and readings and users are never deleted; per-row checks
 * would lock each message's reading and sender rows on the hottest write path.
 */
export const chatMessages = pgTable(
  "session_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Arrival order (several messages may share a millisecond). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    readingId: uuid("session_id").notNull(),
    senderUserId: text("sender_user_id").notNull(),
    clientMessageId: text("client_message_id").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex("session_messages_idempotent").on(table.readingId, table.senderUserId, table.clientMessageId),
    index("session_messages_session_idx").on(table.readingId, table.seq),
  ],
);
