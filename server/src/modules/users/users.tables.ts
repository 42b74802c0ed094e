import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { UserRole, UserStatus } from "./users.schemas.js";

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * Every person with an account: better-auth's user table (it writes new rows at sign-up, see
 * auth.tables.ts) plus SoulSeer's profile, role and status columns.
 */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("display_name").notNull(),
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role").$type<UserRole>().notNull().default("client"),
    status: text("status").$type<UserStatus>().notNull().default("active"),
    /** Why an admin suspended or banned the account (shown to the person), and who and when. */
    statusReason: text("status_reason"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    statusChangedBy: text("status_changed_by"),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }),
    bio: text("bio"),
    timeZone: text("time_zone"),
    /** ISO 3166-1 alpha-2, for the crisis lines shown to the person (null: guessed by the browser). */
    country: text("country"),
    /** When the person deleted their account (anonymized; can no longer sign in). */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** Set by better-auth's two-factor plugin once a TOTP app is verified (required for admins). */
    twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("users_email_unique").on(sql`lower(${table.email})`),
    index("users_created_at_idx").on(table.createdAt, table.id),
    check("users_role_check", sql`${table.role} in ('client', 'reader', 'admin')`),
    check("users_status_check", sql`${table.status} in ('active', 'suspended', 'banned')`),
    check("users_country_check", sql`${table.country} ~ '^[A-Z]{2}$'`),
  ],
);
