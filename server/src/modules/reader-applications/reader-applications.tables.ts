import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Specialty } from "../readers/readers.schemas.js";
import { users } from "../users/users.tables.js";
import type { ApplicationStatus } from "./reader-applications.schemas.js";

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
