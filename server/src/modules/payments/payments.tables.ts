import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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

/** `requires_action`: an auto-reload the card's bank wants the client to confirm (3-D Secure). */
export const TOP_UP_STATUSES = ["pending", "requires_action", "succeeded", "failed", "expired"] as const;
export type TopUpStatus = (typeof TOP_UP_STATUSES)[number];
/** `checkout`: the client paid on the provider's page; `auto_reload`: their saved card, off-session. */
export const TOP_UP_KINDS = ["checkout", "auto_reload"] as const;
export type TopUpKind = (typeof TOP_UP_KINDS)[number];

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
    kind: text("kind").$type<TopUpKind>().notNull().default("checkout"),
    /** Why an auto-reload failed, as the processor said it. */
    failureMessage: text("failure_message"),
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
    check(
      "top_ups_status_check",
      sql`${table.status} in ('pending', 'requires_action', 'succeeded', 'failed', 'expired')`,
    ),
    check("top_ups_kind_check", sql`${table.kind} in ('checkout', 'auto_reload')`),
    index("top_ups_auto_reload_idx").on(table.userId, table.createdAt).where(sql`kind = 'auto_reload'`),
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

/**
 * A client's card saved at the provider for auto-reload (a SetupIntent through the provider's
 * hosted page; the sandbox saves a pretend card the same way). `paymentMethodId` is set by the
 * provider's signed event once the card is saved.
 */
export const savedCards = pgTable(
  "saved_cards",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    provider: text("provider").$type<"stripe" | "sandbox">().notNull(),
    customerId: text("customer_id").notNull(),
    /** The setup checkout under way (its event saves the card); null once saved. */
    setupCheckoutId: text("setup_checkout_id"),
    paymentMethodId: text("payment_method_id"),
    brand: text("brand"),
    last4: text("last4"),
    expMonth: bigint("exp_month", { mode: "number" }),
    expYear: bigint("exp_year", { mode: "number" }),
    savedAt: timestamp("saved_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [uniqueIndex("saved_cards_setup_unique").on(table.provider, table.setupCheckoutId)],
);

/** A client's auto-reload: on or off, how much to add, and the floor outside readings. */
export const autoReloadSettings = pgTable(
  "auto_reload_settings",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    enabled: boolean("enabled").notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    /** Outside readings, reload when the balance falls below this (null: only in readings). */
    floorCents: bigint("floor_cents", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    index("auto_reload_settings_floor_idx").on(table.userId).where(sql`enabled and floor_cents is not null`),
    check("auto_reload_settings_amount_range", sql`${table.amountCents} between 500 and 50000`),
    check(
      "auto_reload_settings_floor_range",
      sql`${table.floorCents} is null or ${table.floorCents} between 100 and 50000`,
    ),
  ],
);
