import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";
import type { PayoutStatus, PayoutTrigger } from "./payouts.state.js";

/** A reader's connected payout account at the provider, and their payout settings. */
export const payoutAccounts = pgTable(
  "payout_accounts",
  {
    readerUserId: text("reader_user_id")
      .primaryKey()
      .references(() => users.id),
    provider: text("provider").$type<"stripe" | "sandbox">().notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    /** Set by the provider's `account.updated` event once payouts are enabled. */
    readyAt: timestamp("ready_at", { withTimezone: true }),
    /** The reader's own threshold (null: the platform's minimum). */
    thresholdCents: bigint("threshold_cents", { mode: "number" }),
    heldAt: timestamp("held_at", { withTimezone: true }),
    heldReason: text("held_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex("payout_accounts_provider_account_unique").on(table.provider, table.providerAccountId),
    check("payout_accounts_held_reason", sql`(${table.heldAt} is null) = (${table.heldReason} is null)`),
  ],
);

/**
 * One payout: earnings moved to payouts in transit when it is made (same transaction), then
 * out of the books when the provider confirms the transfer, or back to earnings if it fails.
 */
export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey(),
    readerUserId: text("reader_user_id")
      .notNull()
      .references(() => users.id),
    /** `auto:<reader>:<day>`, `manual:<key>` or `retry:<payout>`: one payout per key, ever. */
    idempotencyKey: text("idempotency_key").notNull(),
    trigger: text("trigger").$type<PayoutTrigger>().notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    status: text("status").$type<PayoutStatus>().notNull(),
    provider: text("provider").$type<"stripe" | "sandbox">().notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    providerTransferId: text("provider_transfer_id"),
    failureReason: text("failure_reason"),
    /** Provider calls made for it (all with the same idempotency key). */
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("payouts_idempotency_unique").on(table.idempotencyKey),
    uniqueIndex("payouts_provider_transfer_unique").on(table.provider, table.providerTransferId),
    index("payouts_reader_idx").on(table.readerUserId, table.createdAt),
    index("payouts_status_idx").on(table.status, table.createdAt),
    index("payouts_created_idx").on(table.createdAt),
    check("payouts_amount_positive", sql`${table.amountCents} > 0`),
    check("payouts_status_check", sql`${table.status} in ('in_transit', 'paid', 'failed', 'reversed')`),
    check("payouts_trigger_check", sql`${table.trigger} in ('auto', 'manual', 'retry')`),
    check(
      "payouts_paid_has_transfer",
      sql`${table.status} not in ('paid', 'reversed') or ${table.providerTransferId} is not null`,
    ),
  ],
);

/** One row per day whose payout run finished with nothing left in transit (a restart resumes any other). */
export const payoutRuns = pgTable("payout_runs", {
  day: text("day").primaryKey(),
  paid: bigint("paid", { mode: "number" }).notNull(),
  failed: bigint("failed", { mode: "number" }).notNull(),
  paidCents: bigint("paid_cents", { mode: "number" }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
});
