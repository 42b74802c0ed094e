import type { TransferCode } from "../ledger/ledger.rules.js";
import { accountStatusOf } from "./payouts.accounts.js";
import type { PayoutAccountRow, PayoutRow } from "./payouts.repository.js";

/** Where a reader's earnings come from, by the ledger code that credited them. */
export const EARNING_SOURCES = [
  "readings",
  "bookings",
  "paidReplies",
  "gifts",
  "tickets",
  "tips",
  "other",
] as const;
export type EarningSource = (typeof EARNING_SOURCES)[number];

const SOURCE_OF: Partial<Record<TransferCode, EarningSource>> = {
  session_charge: "readings",
  booking_capture: "bookings",
  paid_reply: "paidReplies",
  gift: "gifts",
  ticket: "tickets",
  tip: "tips",
};

export const sourceOf = (code: TransferCode): EarningSource => SOURCE_OF[code] ?? "other";

export type SourceCents = Record<EarningSource, number>;
const emptySources = (): SourceCents => ({
  readings: 0,
  bookings: 0,
  paidReplies: 0,
  gifts: 0,
  tickets: 0,
  tips: 0,
  other: 0,
});

const DAY_MS = 24 * 60 * 60 * 1000;
export const CHART_DAYS = 30;
export const CHART_WEEKS = 12;
export const CHART_MONTHS = 12;

const dayStart = (moment: Date) =>
  new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
const mondayOf = (day: Date) => new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
const iso = (day: Date) => day.toISOString().slice(0, 10);

/** The first day the chart needs: the first of the month 11 months back (covers 12 weeks too). */
export function chartFrom(now: Date) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (CHART_MONTHS - 1), 1));
}

/**
 * Earnings by day (30), by week (12, Monday-based) and by month (12), each split by source,
 * from the ledger's credits per day and code. Periods without earnings are zeros, not gaps.
 */
export function earningsChart(
  credits: readonly { day: string; code: TransferCode; cents: number }[],
  now: Date,
) {
  const today = dayStart(now);
  const buckets = (starts: string[]) => new Map(starts.map((start) => [start, emptySources()]));
  const days = buckets(
    Array.from({ length: CHART_DAYS }, (_, i) =>
      iso(new Date(today.getTime() - (CHART_DAYS - 1 - i) * DAY_MS)),
    ),
  );
  const thisMonday = mondayOf(today);
  const weeks = buckets(
    Array.from({ length: CHART_WEEKS }, (_, i) =>
      iso(new Date(thisMonday.getTime() - (CHART_WEEKS - 1 - i) * 7 * DAY_MS)),
    ),
  );
  const months = buckets(
    Array.from({ length: CHART_MONTHS }, (_, i) =>
      iso(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (CHART_MONTHS - 1 - i), 1))),
    ),
  );
  for (const credit of credits) {
    const day = new Date(`${credit.day}T00:00:00Z`);
    const source = sourceOf(credit.code);
    for (const [map, key] of [
      [days, credit.day],
      [weeks, iso(mondayOf(day))],
      [months, `${credit.day.slice(0, 7)}-01`],
    ] as const) {
      const bucket = map.get(key);
      if (bucket) bucket[source] += credit.cents;
    }
  }
  const toList = (map: Map<string, SourceCents>) =>
    [...map].map(([start, sources]) => ({
      start,
      totalCents: Object.values(sources).reduce((sum, cents) => sum + cents, 0),
      sources,
    }));
  return { days: toList(days), weeks: toList(weeks), months: toList(months) };
}

export function toPayoutDto(row: PayoutRow) {
  return {
    id: row.id,
    readerUserId: row.readerUserId,
    amountCents: row.amountCents,
    status: row.status,
    trigger: row.trigger,
    provider: row.provider,
    providerTransferId: row.providerTransferId,
    failureReason: row.failureReason,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}

export function toAccountDto(row: PayoutAccountRow | null, minimumCents: number) {
  return {
    status: accountStatusOf(row),
    provider: row?.provider ?? null,
    thresholdCents: Math.max(minimumCents, row?.thresholdCents ?? 0),
    ownThresholdCents: row?.thresholdCents ?? null,
    minimumThresholdCents: minimumCents,
    held: row?.heldAt != null,
    heldReason: row?.heldReason ?? null,
  };
}
