import { sql } from "drizzle-orm";
import {
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
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/accounts.tables.js";

/** The fixed taxonomy of specialties (issue 4). */
export const SPECIALTIES = [
  "tarot",
  "astrology",
  "mediumship",
  "love-and-relationships",
  "career-and-money",
  "dreams",
  "numerology",
  "energy-healing",
  "angel-and-oracle-cards",
  "past-lives",
  "pets",
  "spiritual-guidance",
] as const;
export type Specialty = (typeof SPECIALTIES)[number];

export const READER_STATUSES = ["online", "away", "offline", "busy"] as const;
export type ReaderStatus = (typeof READER_STATUSES)[number];

export const APPLICATION_STATUSES = ["pending", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** What a user submits to become a reader; an admin approves or rejects it with a reason. */
export const readerApplications = pgTable(
  "reader_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    displayName: text("display_name").notNull(),
    headline: text("headline").notNull(),
    bio: text("bio").notNull(),
    specialties: jsonb("specialties").$type<Specialty[]>().notNull(),
    tools: jsonb("tools").$type<string[]>().notNull(),
    languages: jsonb("languages").$type<string[]>().notNull(),
    yearsOfExperience: integer("years_of_experience").notNull(),
    sampleAnswer: text("sample_answer").notNull(),
    timeZone: text("time_zone").notNull(),
    status: text("status").$type<ApplicationStatus>().notNull().default("pending"),
    decisionReason: text("decision_reason"),
    reviewedBy: text("reviewed_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
  },
  (table) => [
    index("reader_applications_status_idx").on(table.status, table.createdAt),
    uniqueIndex("reader_applications_one_pending").on(table.userId).where(sql`status = 'pending'`),
    check("reader_applications_status_check", sql`${table.status} in ('pending', 'approved', 'rejected')`),
  ],
);

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("reader_profiles_slug_unique").on(table.slug),
    index("reader_profiles_created_idx").on(table.createdAt, table.userId),
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
