import { and, desc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from "../ledger/ledger.tables.js";
import { readings } from "../readings/readings.tables.js";

/** Tips credited to the reader's earnings account (their 70% share), newest first. */
const tipCredit = (readerUserId: string) =>
  and(
    eq(ledgerAccounts.kind, "earnings"),
    eq(ledgerAccounts.ownerUserId, readerUserId),
    eq(ledgerEntries.code, "tip"),
  );

export function createEarningsRepository() {
  return {
    /** The reader's share of finished readings since each moment, in one pass. */
    async sharesSince(db: Executor, readerUserId: string, since: Date[]) {
      const sums = since.map(
        (moment) =>
          sql<number>`coalesce(sum(${readings.readerShareCents}) filter (where ${readings.finalizedAt} >= ${moment.toISOString()}::timestamptz), 0)::bigint`,
      );
      const [row] = await db
        .select({ totals: sql<string[]>`array[${sql.join(sums, sql`, `)}]::text[]` })
        .from(readings)
        .where(and(eq(readings.readerUserId, readerUserId), eq(readings.state, "finalized")));
      return (row?.totals ?? since.map(() => "0")).map(Number);
    },

    /** Share per UTC day since `from` (days without readings are absent). */
    async sharesByDay(db: Executor, readerUserId: string, from: Date) {
      const day = sql<string>`to_char(${readings.finalizedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, cents: sql<string>`sum(${readings.readerShareCents})` })
        .from(readings)
        .where(
          and(
            eq(readings.readerUserId, readerUserId),
            eq(readings.state, "finalized"),
            gte(readings.finalizedAt, from),
          ),
        )
        .groupBy(day);
      return rows.map((row) => ({ day: row.day, cents: Number(row.cents) }));
    },

    /** Tips since each moment and per UTC day since `days` (the reader's share, from the ledger). */
    async tipsSince(db: Executor, readerUserId: string, since: Date[], days: Date) {
      const from = new Date(Math.min(days.getTime(), ...since.map((moment) => moment.getTime())));
      const day = sql<string>`to_char(${ledgerEntries.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, cents: sql<string>`sum(${ledgerEntries.amountCents})` })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .where(and(tipCredit(readerUserId), gte(ledgerEntries.createdAt, from)))
        .groupBy(day);
      const perDay = rows.map((row) => ({ day: row.day, cents: Number(row.cents) }));
      const dayOf = (moment: Date) => moment.toISOString().slice(0, 10);
      return {
        totals: since.map((moment) =>
          perDay.filter((entry) => entry.day >= dayOf(moment)).reduce((sum, entry) => sum + entry.cents, 0),
        ),
        perDay: perDay.filter((entry) => entry.day >= dayOf(days)),
      };
    },

    /** The reader's share of the tips on each of these readings. */
    async tipsByReading(db: Executor, readerUserId: string, readingIds: string[]) {
      if (readingIds.length === 0) return new Map<string, number>();
      const readingId = sql<string>`${ledgerTransfers.references}->>'sessionId'`;
      const rows = await db
        .select({ readingId, cents: sql<string>`sum(${ledgerEntries.amountCents})` })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
        .where(and(tipCredit(readerUserId), inArray(readingId, readingIds)))
        .groupBy(readingId);
      return new Map(rows.map((row) => [row.readingId, Number(row.cents)]));
    },

    async recentPaidReadings(db: Executor, readerUserId: string, limit: number) {
      return db
        .select()
        .from(readings)
        .where(
          and(
            eq(readings.readerUserId, readerUserId),
            eq(readings.state, "finalized"),
            gt(readings.chargedCents, 0),
          ),
        )
        .orderBy(desc(readings.finalizedAt))
        .limit(limit);
    },
  };
}
