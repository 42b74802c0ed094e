import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { ledgerDailySpend, spendingLimits } from "./ledger.tables.js";

/** The SQL of client spending limits and of what each wallet spent per UTC day. */
export function createLimitsRepository() {
  return {
    async spendingLimits(db: Executor, userId: string) {
      return db.select().from(spendingLimits).where(eq(spendingLimits.userId, userId));
    },

    /** What a wallet spent in the windows the limits use: today, the last 7 and the last 30 UTC days. */
    async spentInWindows(db: Executor, accountId: number, now: Date) {
      const today = sql`(${now.toISOString()}::timestamptz at time zone 'UTC')::date`;
      const within = (days: number) =>
        sql<string>`coalesce(sum(${ledgerDailySpend.spentCents}) filter (where ${ledgerDailySpend.day}::date > ${today} - ${days}::int), 0)::text`;
      const [row] = await db
        .select({ daily: within(1), weekly: within(7), monthly: within(30) })
        .from(ledgerDailySpend)
        .where(
          and(eq(ledgerDailySpend.accountId, accountId), sql`${ledgerDailySpend.day}::date > ${today} - 30`),
        );
      return {
        daily: Number(row?.daily ?? 0),
        weekly: Number(row?.weekly ?? 0),
        monthly: Number(row?.monthly ?? 0),
      };
    },

    async upsertSpendingLimit(db: Executor, row: typeof spendingLimits.$inferInsert) {
      await db
        .insert(spendingLimits)
        .values(row)
        .onConflictDoUpdate({
          target: [spendingLimits.userId, spendingLimits.period],
          set: {
            limitCents: row.limitCents,
            pendingLimitCents: row.pendingLimitCents,
            pendingEffectiveAt: row.pendingEffectiveAt,
            updatedAt: row.updatedAt,
          },
        });
    },
  };
}
