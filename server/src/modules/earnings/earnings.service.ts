import type { Clock } from "../../platform/clock.js";
import type { Principal } from "../../platform/http/access.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";

export type EarningsService = ReturnType<typeof createEarningsService>;

const CHART_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Start of the UTC day, the ISO week (Monday) and the month that contain `now`. */
export function periodStarts(now: Date) {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const week = new Date(day.getTime() - sinceMonday * DAY_MS);
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { day, week, month };
}

/**
 * A reader's earnings: what is payable now, totals by period (their share of readings plus tips),
 * a daily chart and recent readings with their tips.
 */
export function createEarningsService(deps: {
  ledger: Pick<LedgerService, "balance" | "creditsByDay" | "creditsByReading">;
  readings: Pick<ReadingsService, "readerSharesSince" | "readerSharesByDay" | "recentPaidReadings">;
  clock: Clock;
}) {
  /** Tips (the reader's share, from the ledger) since each moment and per UTC day since `days`. */
  async function tipsSince(readerUserId: string, since: Date[], days: Date) {
    const from = new Date(Math.min(days.getTime(), ...since.map((moment) => moment.getTime())));
    const perDay = await deps.ledger.creditsByDay(readerUserId, "earnings", "tip", from);
    const dayOf = (moment: Date) => moment.toISOString().slice(0, 10);
    return {
      totals: since.map((moment) =>
        perDay.filter((entry) => entry.day >= dayOf(moment)).reduce((sum, entry) => sum + entry.cents, 0),
      ),
      perDay: perDay.filter((entry) => entry.day >= dayOf(days)),
    };
  }

  return {
    async mine(principal: Principal) {
      const now = deps.clock.now();
      const starts = periodStarts(now);
      const chartFrom = new Date(starts.day.getTime() - (CHART_DAYS - 1) * DAY_MS);
      const periods = [starts.day, starts.week, starts.month];
      const [payableCents, totals, byDay, tips, recent] = await Promise.all([
        deps.ledger.balance(principal.userId, "earnings"),
        deps.readings.readerSharesSince(principal.userId, periods),
        deps.readings.readerSharesByDay(principal.userId, chartFrom),
        tipsSince(principal.userId, periods, chartFrom),
        deps.readings.recentPaidReadings(principal.userId, 50),
      ]);
      const tipsByReading = await deps.ledger.creditsByReading(
        principal.userId,
        "earnings",
        "tip",
        recent.map((row) => row.id),
      );
      const readingsPerDay = new Map(byDay.map((entry) => [entry.day, entry.cents]));
      const tipsPerDay = new Map(tips.perDay.map((entry) => [entry.day, entry.cents]));
      const days = Array.from({ length: CHART_DAYS }, (_, index) => {
        const day = new Date(chartFrom.getTime() + index * DAY_MS).toISOString().slice(0, 10);
        const tipCents = tipsPerDay.get(day) ?? 0;
        return { day, cents: (readingsPerDay.get(day) ?? 0) + tipCents, tipCents };
      });
      const total = (index: number) => (totals[index] ?? 0) + (tips.totals[index] ?? 0);
      return {
        payableCents,
        todayCents: total(0),
        weekCents: total(1),
        monthCents: total(2),
        tips: {
          todayCents: tips.totals[0] ?? 0,
          weekCents: tips.totals[1] ?? 0,
          monthCents: tips.totals[2] ?? 0,
        },
        days,
        readings: recent.map((row) => ({
          id: row.id,
          modality: row.modality,
          endedAt: (row.endedAt ?? row.createdAt).toISOString(),
          billedSeconds: Math.floor(row.billedMs / 1000),
          chargedCents: row.chargedCents,
          readerShareCents: row.readerShareCents,
          tipCents: tipsByReading.get(row.id) ?? 0,
        })),
      };
    },
  };
}
