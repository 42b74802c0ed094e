import { and, desc, eq, gt, gte, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { readingSessions } from "./sessions.tables.js";

export function createEarningsRepository() {
  return {
    /** The reader's share of finished readings since each moment, in one pass. */
    async sharesSince(db: Executor, readerUserId: string, since: Date[]) {
      const sums = since.map(
        (moment) =>
          sql<number>`coalesce(sum(${readingSessions.readerShareCents}) filter (where ${readingSessions.finalizedAt} >= ${moment.toISOString()}::timestamptz), 0)::bigint`,
      );
      const [row] = await db
        .select({ totals: sql<string[]>`array[${sql.join(sums, sql`, `)}]::text[]` })
        .from(readingSessions)
        .where(and(eq(readingSessions.readerUserId, readerUserId), eq(readingSessions.state, "finalized")));
      return (row?.totals ?? since.map(() => "0")).map(Number);
    },

    /** Share per UTC day since `from` (days without readings are absent). */
    async sharesByDay(db: Executor, readerUserId: string, from: Date) {
      const day = sql<string>`to_char(${readingSessions.finalizedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, cents: sql<string>`sum(${readingSessions.readerShareCents})` })
        .from(readingSessions)
        .where(
          and(
            eq(readingSessions.readerUserId, readerUserId),
            eq(readingSessions.state, "finalized"),
            gte(readingSessions.finalizedAt, from),
          ),
        )
        .groupBy(day);
      return rows.map((row) => ({ day: row.day, cents: Number(row.cents) }));
    },

    async recentPaidSessions(db: Executor, readerUserId: string, limit: number) {
      return db
        .select()
        .from(readingSessions)
        .where(
          and(
            eq(readingSessions.readerUserId, readerUserId),
            eq(readingSessions.state, "finalized"),
            gt(readingSessions.chargedCents, 0),
          ),
        )
        .orderBy(desc(readingSessions.finalizedAt))
        .limit(limit);
    },
  };
}
