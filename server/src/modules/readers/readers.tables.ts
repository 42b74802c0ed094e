import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";
import type { ReaderStatus, Specialty } from "./readers.schemas.js";

/** The price a reader sorts by when a modality has no rate: after every real rate. */
export const NO_RATE_SORT_CENTS = 1_000_000;

/**
 * Browse sort-key expressions, all ascending (user id breaks ties). The browse query and the
 * partial indexes that serve it are built from these same functions, so they match exactly.
 */
export const browseKeys = {
  statusRank: (status: AnyPgColumn) =>
    sql`(case ${status} when 'online' then 0 when 'busy' then 1 when 'away' then 2 else 3 end)`,
  ratingDescending: (ratingAverage: AnyPgColumn) => sql`((-${ratingAverage})::real)`,
  ratingCountDescending: (ratingCount: AnyPgColumn) => sql`(-${ratingCount})`,
  /** Seconds since the epoch, negated; at UTC explicitly, which keeps it immutable and so indexable. */
  newest: (createdAt: AnyPgColumn) => sql`((-extract(epoch from (${createdAt} at time zone 'UTC')))::float8)`,
  rate: (rateCents: AnyPgColumn) => sql`coalesce(${rateCents}, ${sql.raw(String(NO_RATE_SORT_CENTS))})`,
  cheapestRate: (chat: AnyPgColumn, voice: AnyPgColumn, video: AnyPgColumn) =>
    sql`least(${browseKeys.rate(chat)}, ${browseKeys.rate(voice)}, ${browseKeys.rate(video)})`,
};

const LISTED = sql`listed = 'listed'`;

/** A reader's public profile, rates and live status. Only approved, active readers are listed. */
export const readerProfiles = pgTable(
  "reader_profiles",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    slug: text("slug").notNull(),
    displayName: text("display_name").notNull(),
    headline: text("headline").notNull(),
    bio: text("bio").notNull(),
    specialties: jsonb("specialties").$type<Specialty[]>().notNull(),
    tools: jsonb("tools").$type<string[]>().notNull(),
    languages: jsonb("languages").$type<string[]>().notNull(),
    yearsOfExperience: integer("years_of_experience").notNull(),
    timeZone: text("time_zone").notNull(),
    chatRateCents: bigint("chat_rate_cents", { mode: "number" }),
    voiceRateCents: bigint("voice_rate_cents", { mode: "number" }),
    videoRateCents: bigint("video_rate_cents", { mode: "number" }),
    scheduledRateCents: bigint("scheduled_rate_cents", { mode: "number" }),
    status: text("status").$type<ReaderStatus>().notNull().default("offline"),
    listed: text("listed").$type<"listed" | "suspended">().notNull().default("listed"),
    /** Storage key of the resized profile photo; null until one is uploaded. */
    photoKey: text("photo_key"),
    photoUpdatedAt: timestamp("photo_updated_at", { withTimezone: true }),
    ratingAverage: real("rating_average").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    /** A demo reader answered by software (the demo reader client) with canned messages. */
    automaticDemo: boolean("automatic_demo").notNull().default(false),
    /** Booked readings this reader cancelled or did not join (admins see it on the reader list). */
    noShowCount: integer("no_show_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("reader_profiles_slug_unique").on(table.slug),
    index("reader_profiles_created_idx").on(table.createdAt, table.userId),
    // Browse: one partial index per sort order (keyset pages read only the rows they return),
    // trigram indexes for the text search and GIN indexes for the specialty and language filters.
    index("reader_profiles_browse_recommended_idx")
      .on(
        browseKeys.statusRank(table.status),
        browseKeys.ratingDescending(table.ratingAverage),
        browseKeys.ratingCountDescending(table.ratingCount),
        table.userId,
      )
      .where(LISTED),
    index("reader_profiles_browse_rating_idx")
      .on(
        browseKeys.ratingDescending(table.ratingAverage),
        browseKeys.ratingCountDescending(table.ratingCount),
        table.userId,
      )
      .where(LISTED),
    index("reader_profiles_browse_newest_idx")
      .on(browseKeys.newest(table.createdAt), table.userId)
      .where(LISTED),
    index("reader_profiles_browse_chat_rate_idx")
      .on(browseKeys.rate(table.chatRateCents), table.userId)
      .where(LISTED),
    index("reader_profiles_browse_voice_rate_idx")
      .on(browseKeys.rate(table.voiceRateCents), table.userId)
      .where(LISTED),
    index("reader_profiles_browse_video_rate_idx")
      .on(browseKeys.rate(table.videoRateCents), table.userId)
      .where(LISTED),
    // Not partial: ANALYZE keeps statistics on the expression of a full index only, and the
    // planner needs them to judge a price range (without, it guesses 0.5% of rows and sorts).
    // Also the order of the price sort when no modality is chosen (the cheapest rate first).
    index("reader_profiles_browse_cheapest_rate_idx").on(
      browseKeys.cheapestRate(table.chatRateCents, table.voiceRateCents, table.videoRateCents),
      table.userId,
    ),
    index("reader_profiles_display_name_trgm_idx")
      .using("gin", table.displayName.op("gin_trgm_ops"))
      .where(LISTED),
    index("reader_profiles_headline_trgm_idx").using("gin", table.headline.op("gin_trgm_ops")).where(LISTED),
    index("reader_profiles_bio_trgm_idx").using("gin", table.bio.op("gin_trgm_ops")).where(LISTED),
    index("reader_profiles_specialties_idx").using("gin", table.specialties).where(LISTED),
    index("reader_profiles_languages_idx").using("gin", table.languages).where(LISTED),
    check("reader_profiles_status_check", sql`${table.status} in ('online', 'away', 'offline', 'busy')`),
    check(
      "reader_profiles_rates_range",
      sql`coalesce(${table.chatRateCents}, 99) between 99 and 4999 and coalesce(${table.voiceRateCents}, 99) between 99 and 4999
        and coalesce(${table.videoRateCents}, 99) between 99 and 4999 and coalesce(${table.scheduledRateCents}, 99) between 99 and 4999`,
    ),
  ],
);

/** A client's starred readers; `notifyOnline` asks for an email when the reader comes online. */
export const favorites = pgTable(
  "favorites",
  {
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    notifyOnline: boolean("notify_online").notNull().default(false),
    lastNotifiedAt: timestamp("last_notified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.clientUserId, table.readerUserId] }),
    index("favorites_reader_idx").on(table.readerUserId),
  ],
);
