import { DomainError } from "../../platform/http/errors.js";

/**
 * A payout's states. `in_transit`: the earnings are in payouts in transit and the provider's
 * transfer is being made (or was made and not yet recorded); `paid`: the provider confirmed it
 * and the money left the books; `failed`: refused, the money is back in earnings; `reversed`: a
 * paid transfer the provider reversed, the money is back in earnings.
 */
export const PAYOUT_STATUSES = ["in_transit", "paid", "failed", "reversed"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Who made it: the daily run, an admin's "pay now", an admin's retry of a failed payout. */
export const PAYOUT_TRIGGERS = ["auto", "manual", "retry"] as const;
export type PayoutTrigger = (typeof PAYOUT_TRIGGERS)[number];

export const PAYOUT_CAUSES = ["confirmed", "refused", "reversed"] as const;
export type PayoutCause = (typeof PAYOUT_CAUSES)[number];

const TRANSITIONS: Readonly<Record<PayoutStatus, Readonly<Partial<Record<PayoutCause, PayoutStatus>>>>> = {
  in_transit: { confirmed: "paid", refused: "failed", reversed: "failed" },
  paid: { reversed: "reversed" },
  failed: {},
  reversed: {},
};

/** Where `cause` takes a payout in `from`, or null when the machine does not define it. */
export function nextPayoutStatus(from: PayoutStatus, cause: PayoutCause): PayoutStatus | null {
  return TRANSITIONS[from][cause] ?? null;
}

/** Where `cause` takes the payout; a typed 409 for a transition the machine does not define. */
export function payoutTransition(from: PayoutStatus, cause: PayoutCause): PayoutStatus {
  const to = nextPayoutStatus(from, cause);
  if (to === null)
    throw new DomainError(
      "INVALID_TRANSITION",
      `A payout that is ${from.replace("_", " ")} cannot be ${cause}.`,
    );
  return to;
}

/** The ledger key of each step of a payout (one transfer per step, ever). */
export const payoutLedgerKey = {
  made: (payoutId: string) => `payout:${payoutId}`,
  confirmed: (payoutId: string) => `payout:${payoutId}:paid`,
  returned: (payoutId: string) => `payout:${payoutId}:returned`,
};

/** The provider's idempotency key for a payout's transfer: the same on every attempt. */
export const providerTransferKey = (payoutId: string) => `payout-${payoutId}`;

/** Threshold a reader may set, in cents ($15 is the platform's default minimum). */
export const THRESHOLD_MAX_CENTS = 1_000_000;

/** The UTC day (YYYY-MM-DD) of a moment. */
export const utcDayOf = (moment: Date) => moment.toISOString().slice(0, 10);

/** The next daily run at `hourUtc` strictly after `now`. */
export function nextPayoutRunAt(now: Date, hourUtc: number): Date {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  return today.getTime() > now.getTime() ? today : new Date(today.getTime() + 24 * 60 * 60 * 1000);
}
