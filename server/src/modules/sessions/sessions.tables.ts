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
import { users } from "../accounts/accounts.tables.js";
import type { SessionCause, SessionState } from "./sessions.state.js";

export const MODALITIES = ["chat", "voice", "video"] as const;
export type Modality = (typeof MODALITIES)[number];

const OPEN = sql`state in ('created', 'waiting', 'active', 'paused', 'reconnecting')`;

/**
 * An on-demand reading. The rate and the billing unit are locked when it is created. The meter
 * (billed time, the open unit's hold, units captured) is kept here and advanced by the biller,
 * which picks rows whose `dueAt` has come with `FOR NO KEY UPDATE SKIP LOCKED`.
 */
export const readingSessions = pgTable(
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
    state: text("state").$type<SessionState>().notNull(),
    endCause: text("end_cause").$type<SessionCause>(),
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
    /** A drop or a pause for funds ends the session at this moment unless resolved. */
    graceEndsAt: timestamp("grace_ends_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, precision: 3 }),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    endedAt: timestamp("ended_at", { withTimezone: true, precision: 3 }),
    finalizedAt: timestamp("finalized_at", { withTimezone: true, precision: 3 }),
    stateChangedAt: timestamp("state_changed_at", { withTimezone: true, precision: 3 }).notNull(),
    /** The reader's short summary note for the client, written after the session. */
    readerNote: text("reader_note"),
    readerNoteAt: timestamp("reader_note_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    // One open session per reader and per client at a time.
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
    check("reading_sessions_modality_check", sql`${table.modality} in ('chat', 'voice', 'video')`),
    check(
      "reading_sessions_meter_check",
      sql`${table.billedMs} >= 0 and ${table.chargedCents} >= 0 and ${table.ratePerUnitCents} > 0 and ${table.unitMs} >= 1000`,
    ),
  ],
);

/** Every transition, with its time and cause. */
export const sessionTransitions = pgTable(
  "session_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => readingSessions.id),
    fromState: text("from_state").$type<SessionState>(),
    toState: text("to_state").$type<SessionState>().notNull(),
    cause: text("cause").$type<SessionCause>().notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [index("session_transitions_session_idx").on(table.sessionId, table.id)],
);

/**
 * Each participant's live connections to a session's room, per app node. A participant is
 * connected while a row with connections > 0 exists on a node that is alive.
 */
export const sessionConnections = pgTable(
  "session_connections",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => readingSessions.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    nodeId: text("node_id").notNull(),
    connections: integer("connections").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.userId, table.nodeId] }),
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
 * Chat messages of a session: the transcript kept in session history. A client-chosen id makes a
 * resend idempotent; delivery is when the other side's app confirmed it. No foreign keys (decision
 * 0011): the one statement that stores messages stores only those of an existing, active session
 * sent by one of its two participants, and sessions and users are never deleted; per-row checks
 * would lock each message's session and sender rows on the hottest write path.
 */
export const sessionMessages = pgTable(
  "session_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Arrival order (several messages may share a millisecond). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    sessionId: uuid("session_id").notNull(),
    senderUserId: text("sender_user_id").notNull(),
    clientMessageId: text("client_message_id").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex("session_messages_idempotent").on(table.sessionId, table.senderUserId, table.clientMessageId),
    index("session_messages_session_idx").on(table.sessionId, table.seq),
  ],
);

/** One review per session (at least 3 billed minutes): 1–5 stars and text, editable 7 days, one reply. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => readingSessions.id),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    stars: integer("stars").notNull(),
    body: text("body").notNull(),
    reply: text("reply"),
    repliedAt: timestamp("replied_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    uniqueIndex("reviews_one_per_session").on(table.sessionId),
    index("reviews_reader_idx").on(table.readerUserId, table.createdAt, table.id),
    check("reviews_stars_check", sql`${table.stars} between 1 and 5`),
  ],
);

/** A client's private notes about a reader (only the client sees them). */
export const clientReaderNotes = pgTable(
  "client_reader_notes",
  {
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.clientUserId, table.readerUserId] })],
);

export const CALLBACK_STATUSES = ["waiting", "offered", "started", "lapsed", "cancelled", "expired"] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
const CALLBACK_OPEN = sql`status in ('waiting', 'offered')`;

/**
 * A reader's callback queue: a client whose request went unanswered (or who found the reader busy)
 * waits in line. When the reader is free, the first in line is offered the reader for a short
 * window; nobody else may start a reading with that reader while the offer is open.
 */
export const sessionCallbacks = pgTable(
  "session_callbacks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Line order (several clients may join in one millisecond). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    modality: text("modality").$type<Modality>().notNull(),
    status: text("status").$type<CallbackStatus>().notNull(),
    /** The reading the callback became. */
    sessionId: uuid("session_id").references(() => readingSessions.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    offeredAt: timestamp("offered_at", { withTimezone: true, precision: 3 }),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true, precision: 3 }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    // One place in a reader's line per client; one open offer per reader.
    uniqueIndex("session_callbacks_one_open").on(table.clientUserId, table.readerUserId).where(CALLBACK_OPEN),
    uniqueIndex("session_callbacks_one_offer").on(table.readerUserId).where(sql`status = 'offered'`),
    index("session_callbacks_queue_idx").on(table.readerUserId, table.seq).where(CALLBACK_OPEN),
    index("session_callbacks_client_idx").on(table.clientUserId, table.createdAt),
    check(
      "session_callbacks_status_check",
      sql`${table.status} in ('waiting', 'offered', 'started', 'lapsed', 'cancelled', 'expired')`,
    ),
    check("session_callbacks_modality_check", sql`${table.modality} in ('chat', 'voice', 'video')`),
  ],
);
