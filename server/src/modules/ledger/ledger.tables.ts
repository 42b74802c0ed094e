import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";
import type { LedgerAccountKind, TransferCode } from "./ledger.rules.js";

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").$type<LedgerAccountKind>().notNull(),
    ownerUserId: text("owner_user_id").references(() => users.id),
    shard: smallint("shard").notNull().default(0),
    /** Cached sum of this account's entries, updated in the same statement that posts them. */
    balanceCents: bigint("balance_cents", { mode: "number" }).notNull().default(0),
    /** Set by a chargeback: no money may leave this account (except to the processor) until cleared. */
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("ledger_accounts_owner_unique")
      .on(table.kind, table.ownerUserId)
      .where(sql`owner_user_id is not null`),
    uniqueIndex("ledger_accounts_house_unique").on(table.kind, table.shard).where(sql`owner_user_id is null`),
    check(
      "ledger_accounts_owner_check",
      sql`(${table.kind} in ('wallet', 'earnings', 'receivable')) = (${table.ownerUserId} is not null)`,
    ),
    check(
      "ledger_accounts_non_negative",
      sql`${table.kind} not in ('wallet', 'earnings', 'holds') or ${table.balanceCents} >= 0`,
    ),
  ],
);

/** One atomic movement of money: two or more entries that sum to zero. Immutable. */
export const ledgerTransfers = pgTable(
  "ledger_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull(),
    code: text("code").$type<TransferCode>().notNull(),
    references: jsonb("references").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("ledger_transfers_idempotency_unique").on(table.idempotencyKey),
    index("ledger_transfers_created_idx").on(table.createdAt),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign keys on the two columns below (decision 0020): the ledger's posting functions,
    // the only writers of entries, insert each with the transfer they have just created and only
    // onto accounts they have checked and locked; transfers cannot be changed or deleted and
    // accounts cannot be deleted (triggers), and `ledger:verify` reports any entry without both.
    transferId: uuid("transfer_id").notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    /** Positive adds to the account, negative takes from it. */
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    code: text("code").$type<TransferCode>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("ledger_entries_account_idx").on(table.accountId, table.id),
    index("ledger_entries_transfer_idx").on(table.transferId),
    check("ledger_entries_nonzero", sql`${table.amountCents} <> 0`),
  ],
);

/** Two-phase reservations: pending → captured (all or part) or voided, exactly once. */
export const ledgerHolds = pgTable(
  "ledger_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull(),
    walletAccountId: bigint("wallet_account_id", { mode: "number" })
      .notNull()
      .references(() => ledgerAccounts.id),
    holdAccountId: bigint("hold_account_id", { mode: "number" })
      .notNull()
      .references(() => ledgerAccounts.id),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    capturedCents: bigint("captured_cents", { mode: "number" }),
    status: text("status").$type<"pending" | "captured" | "voided">().notNull().default("pending"),
    code: text("code").$type<TransferCode>().notNull(),
    references: jsonb("references").$type<Record<string, string>>().notNull().default({}),
    createTransferId: uuid("create_transfer_id").references(() => ledgerTransfers.id),
    resolveTransferId: uuid("resolve_transfer_id").references(() => ledgerTransfers.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("ledger_holds_idempotency_unique").on(table.idempotencyKey),
    check("ledger_holds_amount_positive", sql`${table.amountCents} > 0`),
    check(
      "ledger_holds_resolution",
      sql`(${table.status} = 'pending' and ${table.resolveTransferId} is null) or (${table.status} <> 'pending' and ${table.resolveTransferId} is not null)`,
    ),
    check(
      "ledger_holds_captured_range",
      sql`${table.capturedCents} is null or (${table.capturedCents} >= 0 and ${table.capturedCents} <= ${table.amountCents})`,
    ),
  ],
);

/** Client-set spending limits; a raise takes effect only at `effectiveAt` (24 h later). */
export const spendingLimits = pgTable(
  "spending_limits",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    period: text("period").$type<"daily" | "weekly" | "monthly">().notNull(),
    limitCents: bigint("limit_cents", { mode: "number" }),
    pendingLimitCents: bigint("pending_limit_cents", { mode: "number" }),
    pendingEffectiveAt: timestamp("pending_effective_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("spending_limits_user_period").on(table.userId, table.period)],
);

/** Money spent per wallet per UTC day, kept by the ledger for fast limit checks. */
export const ledgerDailySpend = pgTable(
  "ledger_daily_spend",
  {
    accountId: bigint("account_id", { mode: "number" })
      .notNull()
      .references(() => ledgerAccounts.id),
    day: text("day").notNull(),
    spentCents: bigint("spent_cents", { mode: "number" }).notNull().default(0),
  },
  (table) => [uniqueIndex("ledger_daily_spend_unique").on(table.accountId, table.day)],
);
