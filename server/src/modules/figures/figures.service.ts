import type { Clock } from "../../platform/clock.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import type { WalletsService } from "../wallets/wallets.service.js";
import type { FigurePeriod, Figures, FiguresBucket } from "./figures.schemas.js";

export type FiguresService = ReturnType<typeof createFiguresService>;

/** How many buckets each period shows (the current one last). */
export const BUCKET_COUNTS: Readonly<Record<FigurePeriod, number>> = { day: 30, week: 12, month: 12 };
/** Reading states that mean a reading is in progress now (readings.state.ts). */
const IN_PROGRESS_STATES: ReadonlySet<string> = new Set(["active", "paused", "reconnecting"]);
const DAY_MS = 24 * 60 * 60 * 1000;

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The UTC start of every bucket of `period` up to the one holding `now`, oldest first. */
export function bucketStarts(period: FigurePeriod, now: Date): Date[] {
  const count = BUCKET_COUNTS[period];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, index) => {
    const back = count - 1 - index;
    if (period === "day") return new Date(today - back * DAY_MS);
    if (period === "week") {
      const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
      return new Date(monday - back * 7 * DAY_MS);
    }
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  });
}

const MONEY_KEYS = [
  "moneyInCents",
  "platformRevenueCents",
  "readerEarningsCents",
  "payoutsCents",
  "refundsCents",
  "disputesCents",
] as const;

/**
 * The admin key figures: money by kind per UTC day, ISO week or month (every figure read from the
 * ledger's entries, so it reconciles with `ledger:verify`), sign-ups, readings in progress now and
 * this server's latest ledger check.
 */
export function createFiguresService(deps: {
  ledger: Pick<LedgerService, "figuresByBucket">;
  users: Pick<UsersService, "signupsByBucket">;
  readings: Pick<ReadingsService, "openByState">;
  wallets: Pick<WalletsService, "lastCheck">;
  clock: Clock;
}) {
  return {
    async keyFigures(period: FigurePeriod): Promise<Figures> {
      const now = deps.clock.now();
      const starts = bucketStarts(period, now);
      const from = starts[0] ?? now;
      const [money, signups, open] = await Promise.all([
        deps.ledger.figuresByBucket(period, from),
        deps.users.signupsByBucket(period, from),
        deps.readings.openByState(),
      ]);
      const moneyByBucket = new Map(money.map((row) => [row.bucket, row]));
      const signupsByBucket = new Map(signups.map((row) => [row.bucket, row]));
      const buckets: FiguresBucket[] = starts.map((start) => {
        const key = dayOf(start);
        const row = moneyByBucket.get(key);
        const joined = signupsByBucket.get(key);
        return {
          start: key,
          moneyInCents: row?.moneyInCents ?? 0,
          platformRevenueCents: row?.platformRevenueCents ?? 0,
          readerEarningsCents: row?.readerEarningsCents ?? 0,
          payoutsCents: row?.payoutsCents ?? 0,
          refundsCents: row?.refundsCents ?? 0,
          disputesCents: row?.disputesCents ?? 0,
          newUsers: joined?.users ?? 0,
          newReaders: joined?.readers ?? 0,
        };
      });
      // Every row the database returned must fall in a bucket (the same UTC truncation as here).
      const known = new Set(buckets.map((bucket) => bucket.start));
      const current = dayOf(starts.at(-1) ?? now);
      for (const key of [...moneyByBucket.keys(), ...signupsByBucket.keys()])
        if (!known.has(key) && key < current)
          throw new Error(`figures bucket ${key} is not one of the ${period} buckets`);
      const sum = (pick: (bucket: FiguresBucket) => number) =>
        buckets.reduce((total, bucket) => total + pick(bucket), 0);
      const moneyTotals = Object.fromEntries(
        MONEY_KEYS.map((name) => [name, sum((bucket) => bucket[name])]),
      ) as Record<(typeof MONEY_KEYS)[number], number>;
      const last = deps.wallets.lastCheck();
      return {
        period,
        generatedAt: now.toISOString(),
        buckets,
        totals: {
          ...moneyTotals,
          newUsers: sum((bucket) => bucket.newUsers),
          newReaders: sum((bucket) => bucket.newReaders),
        },
        activeReadingsNow: open
          .filter((row) => IN_PROGRESS_STATES.has(row.state))
          .reduce((total, row) => total + row.count, 0),
        lastLedgerCheck: last
          ? { at: last.at.toISOString(), ok: last.ok, violations: last.violations }
          : null,
      };
    },
  };
}
