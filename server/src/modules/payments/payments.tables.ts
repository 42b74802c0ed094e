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

export const CARD_REFUND_STATUSES = ["pending", "succeeded", "failed"] as const;
export type CardRefundStatus = (typeof CARD_REFUND_STATUSES)[number];

/**
 * Part of a client's wallet balance going back to the card of one of their top-ups. The wallet
 * is debited when the row is made (same transaction); the provider's refund follows with the
 * row's id as its key, retried by a sweep until it answers; a refused one returns the money.
 */
export const cardRefunds = pgTable(
  "card_refunds",
  {
    id: uuid("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    topUpId: uuid("top_up_id")
      .notNull()
      .references(() => topUps.id),
    /** The client's request key: one request refunds each top-up at most once. */
    requestKey: text("request_key").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    status: text("status").$type<CardRefundStatus>().notNull(),
    providerRefundId: text("provider_refund_id"),
    failureReason: text("failure_reason"),
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("card_refunds_request_unique").on(table.userId, table.requestKey, table.topUpId),
    index("card_refunds_user_idx").on(table.userId, table.createdAt),
    index("card_refunds_pending_idx").on(table.status, table.updatedAt),
    check("card_refunds_amount_positive", sql`${table.amountCents} > 0`),
    check("card_refunds_status_check", sql`${table.status} in ('pending', 'succeeded', 'failed')`),
  ],
);
