import { sql } from "drizzle-orm";
import {
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
import { readings } from "../readings/readings.tables.js";
import { users } from "../users/users.tables.js";

/** One review per reading (at least 3 billed minutes): 1–5 stars and text, editable 7 days, one reply. */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    readingId: uuid("session_id")
      .notNull()
      .references(() => readings.id),
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
    uniqueIndex("reviews_one_per_session").on(table.readingId),
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
