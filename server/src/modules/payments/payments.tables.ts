import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";

export const TOP_UP_STATUSES = ["pending", "succeeded", "failed", "expired"] as const;
export type TopUpStatus = (typeof TOP_UP_STATUSES)[number];

/** A wallet top-up through the payment provider's hosted checkout. */
export const topUps = pgTable(
  "top_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    currency: text("currency").notNull().default("usd"),
    status: text("status").$type<TopUpStatus>().notNull().default("pending"),
    provider: text("provider").$type<"stripe" | "sandbox">().notNull(),
    providerCheckoutId: text("provider_session_id"),
    providerPaymentId: text("provider_payment_id"),
    checkoutUrl: text("checkout_url"),
    transferId: uuid("transfer_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("top_ups_provider_session_unique").on(table.provider, table.providerCheckoutId),
    index("top_ups_user_idx").on(table.userId, table.createdAt),
    check("top_ups_amount_range", sql`${table.amountCents} between 500 and 50000`),
    check("top_ups_status_check", sql`${table.status} in ('pending', 'succeeded', 'failed', 'expired')`),
  ],
);

/** Every provider webhook event, recorded once by its id; replays find it here and do nothing. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider").notNull(),
    providerEventId: text("provider_event_id").notNull(),
    type: text("type").notNull(),
    topUpId: uuid("top_up_id").references(() => topUps.id),
    outcome: text("outcome").notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("payment_events_provider_event_unique").on(table.provider, table.providerEventId)],
);
