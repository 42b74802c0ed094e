import { sql } from "drizzle-orm";
import { bigserial, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Modality } from "../readings/readings.schemas.js";
import { readings } from "../readings/readings.tables.js";
import { users } from "../users/users.tables.js";
import type { WaitlistStatus } from "./waitlist.schemas.js";

const WAITLIST_OPEN = sql`status in ('waiting', 'offered')`;

/**
 * A reader's waitlist: a client whose request went unanswered (or who found the reader busy)
 * waits in line. When the reader is free, the first in line is offered the reader for a short
 * window; nobody else may start a reading with that reader while the offer is open.
 */
export const waitlistEntries = pgTable(
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
    status: text("status").$type<WaitlistStatus>().notNull(),
    /** The reading the waitlist entry became. */
    readingId: uuid("session_id").references(() => readings.id),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    offeredAt: timestamp("offered_at", { withTimezone: true, precision: 3 }),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true, precision: 3 }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
  },
  (table) => [
    // One place in a reader's line per client; one open offer per reader.
    uniqueIndex("session_callbacks_one_open").on(table.clientUserId, table.readerUserId).where(WAITLIST_OPEN),
    uniqueIndex("session_callbacks_one_offer").on(table.readerUserId).where(sql`status = 'offered'`),
    index("session_callbacks_queue_idx").on(table.readerUserId, table.seq).where(WAITLIST_OPEN),
    index("session_callbacks_client_idx").on(table.clientUserId, table.createdAt),
    check(
      "session_callbacks_status_check",
      sql`${table.status} in ('waiting', 'offered', 'started', 'lapsed', 'cancelled', 'expired')`,
    ),
    check("session_callbacks_modality_check", sql`${table.modality} in ('chat', 'voice', 'video')`),
  ],
);
