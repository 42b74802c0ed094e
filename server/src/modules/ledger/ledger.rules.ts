import { DomainError } from "../../platform/http/errors.js";

/**
 * Per-user accounts. A reader's `receivable` goes below zero when a refund takes back more than
 * their earnings hold (they were paid out): what they owe, netted from their next payouts.
 */
export const USER_ACCOUNT_KINDS = ["wallet", "earnings", "receivable"] as const;
/** Platform ("house") accounts, each split into shards so no single row is locked by every transfer. */
export const HOUSE_ACCOUNT_KINDS = [
  "holds",
  "platform_revenue",
  "payment_clearing",
  "payouts_in_transit",
  "promotions",
  "chargeback_receivable",
  /** Money that left the books: payouts the provider confirmed (made in migration 0033). */
  "paid_out",
  /** What lost card disputes cost the platform beyond the readers' shares (made in migration 0036). */
  "dispute_losses",
] as const;
export type UserAccountKind = (typeof USER_ACCOUNT_KINDS)[number];
export type HouseAccountKind = (typeof HOUSE_ACCOUNT_KINDS)[number];
export type LedgerAccountKind = UserAccountKind | HouseAccountKind;
/** Accounts whose balance can never go below zero (checked by the database). */
export const NON_NEGATIVE_KINDS: readonly LedgerAccountKind[] = ["wallet", "earnings", "holds"];

export const TRANSFER_CODES = [
  "top_up",
  "session_charge",
  "booking_hold",
  "booking_capture",
  "booking_refund",
  "paid_reply",
  "gift",
  "ticket",
  "tip",
  "product_sale",
  "refund",
  "adjustment",
  "payout",
  "reader_share",
  "platform_fee",
  "chargeback",
  "hold",
  "hold_capture",
  "hold_release",
  /** A reader's earnings paying back what they owe (their receivable) before a payout. */
  "receivable",
] as const;
export type TransferCode = (typeof TRANSFER_CODES)[number];

/** Each house account kind has this many rows; a transfer uses one, chosen by its key. */
export const HOUSE_SHARDS = 16;

/** No single amount may exceed $10,000,000.00: far above any real charge, far below 2^53. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;
/** The most transfers one set-based call posts (one statement, one lock step). */
export const MAX_TRANSFERS_PER_CALL = 5_000;

export const SPENDING_PERIODS = ["daily", "weekly", "monthly"] as const;
export type SpendingPeriod = (typeof SPENDING_PERIODS)[number];
/** Raising or removing a limit takes effect only after this long (product.md section 2). */
export const LIMIT_RAISE_DELAY_MS = 24 * 60 * 60 * 1000;

/** Codes whose debit of a client's wallet is spending, counted against spending limits. */
export const SPEND_CODES: ReadonlySet<TransferCode> = new Set([
  "session_charge",
  "booking_hold",
  "paid_reply",
  "gift",
  "ticket",
  "tip",
  "product_sale",
]);

export type AccountRef = { kind: UserAccountKind; userId: string } | { kind: HouseAccountKind };

export interface Leg {
  from: AccountRef;
  to: AccountRef;
  amountCents: number;
}

export interface TransferInput {
  idempotencyKey: string;
  code: TransferCode;
  legs: Leg[];
  references?: Record<string, string>;
}

/** One hold of `holdMany`. */
export interface HoldManyInput {
  idempotencyKey: string;
  userId: string;
  amountCents: number;
  code: TransferCode;
  references?: Record<string, string>;
  /**
   * The new hold's id (a UUID), when the caller names it ahead, to write it elsewhere before the
   * ledger statement; a replayed key answers the first hold's id, which then differs.
   */
  holdId?: string;
}

/** One capture of `captureHoldsMany`. */
export interface CaptureManyInput {
  idempotencyKey: string;
  holdId: string;
  amountCents: number;
  readerUserId: string;
  code: TransferCode;
  readerShareBasisPoints?: number;
}

export function assertAmount(amountCents: number, what = "amount") {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > MAX_AMOUNT_CENTS) {
    throw new DomainError(
      "INVALID_AMOUNT",
      `The ${what} must be a whole number of cents between 1 and ${MAX_AMOUNT_CENTS}.`,
    );
  }
}

export function assertKey(idempotencyKey: string) {
  if (idempotencyKey.length < 8 || idempotencyKey.length > 200) {
    throw new Error("ledger idempotency keys are 8–200 characters");
  }
}

/** FNV-1a: spreads transfers over house-account shards deterministically. */
export function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % HOUSE_SHARDS;
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Maps database refusals to typed errors; anything else is a bug and is rethrown. */
export function translateError(error: unknown): never {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const pgError = cause as { code?: string; constraint?: string; message?: string };
  if (pgError.code === "23514" && pgError.constraint === "ledger_accounts_non_negative") {
    throw new DomainError("INSUFFICIENT_FUNDS", "There is not enough money in the account for this.");
  }
  if (pgError.code === "P0001" && pgError.message?.startsWith("ACCOUNT_FROZEN")) {
    throw new DomainError(
      "ACCOUNT_FROZEN",
      "This wallet is frozen while a card dispute is open. Contact support.",
    );
  }
  if (pgError.code === "P0001" && pgError.message?.startsWith("SPENDING_LIMIT_REACHED:")) {
    const period = pgError.message.split(":")[1];
    throw new DomainError("SPENDING_LIMIT_REACHED", `This would pass your ${period} spending limit.`);
  }
  throw error;
}

export function unreachable(): never {
  throw new Error("unreachable");
}
