import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Modality } from "../readings/readings.schemas.js";
import { readings } from "../readings/readings.tables.js";
import { users } from "../users/users.tables.js";
import type { BookingCancelledBy, BookingStatus, BookingStep } from "./bookings.schemas.js";
import type { DateException, WeeklyRange } from "./bookings.slots.js";

/**
 * A reader's bookable hours: weekly wall-clock ranges and date exceptions in the reader's own
 * IANA zone (instants are computed when slots are listed, so a weekly 09:00 stays 09:00 local
 * across daylight-saving changes), the lengths and modalities offered, and the booking rules.
 * The price comes from the reader's profile (`scheduled_rate_cents` × length).
 */
export const readerAvailability = pgTable(
  "reader_availability",
  {
    readerUserId: text("reader_user_id")
      .primaryKey()
      .references(() => users.id),
    timeZone: text("time_zone").notNull(),
    weekly: jsonb("weekly").$type<WeeklyRange[]>().notNull(),
    exceptions: jsonb("exceptions").$type<DateException[]>().notNull(),
    lengthsMinutes: integer("lengths_minutes").array().notNull(),
    modalities: text("modalities").array().$type<Modality[]>().notNull(),
    bufferMinutes: integer("buffer_minutes").notNull(),
    minNoticeMinutes: integer("min_notice_minutes").notNull(),
    horizonDays: integer("horizon_days").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (table) => [
    check(
      "reader_availability_rules_check",
      sql`${table.bufferMinutes} between 0 and 30 and ${table.minNoticeMinutes} between 0 and 43200 and ${table.horizonDays} between 1 and 365`,
    ),
  ],
);

/**
 * A scheduled reading at a flat price. The slot is held in the database: an exclusion constraint
 * (migration 0026) keeps a reader's live bookings, each with its buffer after it
 * (`[starts_at, blocked_until)`), from overlapping, and a client's from overlapping one another,
 * whatever the order or concurrency of the requests. The full price is held from the wallet
 * (`hold_id`) until the reading captures it or a cancellation releases it.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    modality: text("modality").$type<Modality>().notNull(),
    lengthMinutes: integer("length_minutes").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true, precision: 3 }).notNull(),
    /** The end plus the reader's buffer when booked: the reader's time this booking takes. */
    blockedUntil: timestamp("blocked_until", { withTimezone: true, precision: 3 }).notNull(),
    ratePerMinuteCents: bigint("rate_per_minute_cents", { mode: "number" }).notNull(),
    priceCents: bigint("price_cents", { mode: "number" }).notNull(),
    readerShareBasisPoints: integer("reader_share_basis_points").notNull(),
    status: text("status").$type<BookingStatus>().notNull(),
    holdId: uuid("hold_id").notNull(),
    /** The reading the booking became once someone joined. */
    readingId: uuid("reading_id").references(() => readings.id),
    question: text("question"),
    clientName: text("client_name"),
    readerName: text("reader_name"),
    readerSlug: text("reader_slug"),
    /** The zone the client booked in (their emails show times in it). */
    clientTimeZone: text("client_time_zone").notNull(),
    readerTimeZone: text("reader_time_zone").notNull(),
    rescheduleCount: integer("reschedule_count").notNull().default(0),
    /** The calendar file's SEQUENCE: raised by each reschedule or cancellation. */
    calendarSequence: integer("calendar_sequence").notNull().default(0),
    cancelledBy: text("cancelled_side").$type<BookingCancelledBy>(),
    cancelReason: text("cancel_reason"),
    /** Money outcome once settled: what the client got back, what was captured, the reader's part. */
    refundedCents: bigint("refunded_cents", { mode: "number" }),
    capturedCents: bigint("captured_cents", { mode: "number" }),
    readerShareCents: bigint("reader_share_cents", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex("bookings_reading_unique").on(table.readingId),
    uniqueIndex("bookings_hold_unique").on(table.holdId),
    index("bookings_reader_idx").on(table.readerUserId, table.startsAt),
    index("bookings_client_idx").on(table.clientUserId, table.startsAt),
    check(
      "bookings_status_check",
      sql`${table.status} in ('confirmed', 'completed', 'cancelled', 'client_no_show', 'reader_no_show')`,
    ),
    check("bookings_modality_check", sql`${table.modality} in ('chat', 'voice', 'video')`),
    check("bookings_length_check", sql`${table.lengthMinutes} in (15, 30, 45, 60)`),
    check(
      "bookings_time_check",
      sql`${table.endsAt} > ${table.startsAt} and ${table.blockedUntil} >= ${table.endsAt}`,
    ),
    check("bookings_price_check", sql`${table.priceCents} > 0 and ${table.ratePerMinuteCents} > 0`),
  ],
);

/**
 * The timed rules of a booking (reminders, clearing the reader's on-demand reading, the no-show
 * check): each is due at its moment of the app's clock, and is run once by a pg-boss job keyed by
 * the booking, the step and the booking's version (a reschedule makes new steps).
 */
export const bookingSteps = pgTable(
  "booking_steps",
  {
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id),
    step: text("step").$type<BookingStep>().notNull(),
    version: integer("version").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }).notNull(),
    queuedAt: timestamp("queued_at", { withTimezone: true, precision: 3 }),
    doneAt: timestamp("done_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    primaryKey({ columns: [table.bookingId, table.step, table.version] }),
    index("booking_steps_due_idx").on(table.dueAt).where(sql`done_at is null`),
  ],
);
