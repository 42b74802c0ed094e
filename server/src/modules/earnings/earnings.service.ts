import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import { createEarningsRepository } from "./earnings.repository.js";

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
export function createEarningsService(deps: { db: Database; ledger: LedgerService; clock: Clock }) {
  const repository = createEarningsRepository();
  return {
    async mine(principal: Principal) {
      const now = deps.clock.now();
      const starts = periodStarts(now);
      const chartFrom = new Date(starts.day.getTime() - (CHART_DAYS - 1) * DAY_MS);
      const periods = [starts.day, starts.week, starts.month];
      const [payableCents, totals, byDay, tips, recent] = await Promise.all([
        deps.ledger.balance(principal.userId, "earnings"),
        repository.sharesSince(deps.db, principal.userId, periods),
        repository.sharesByDay(deps.db, principal.userId, chartFrom),
        repository.tipsSince(deps.db, principal.userId, periods, chartFrom),
        repository.recentPaidReadings(deps.db, principal.userId, 50),
      ]);
      const tipsByReading = await repository.tipsByReading(
        deps.db,
        principal.userId,
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
