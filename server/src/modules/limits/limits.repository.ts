import { lt, sql } from "drizzle-orm";
import type { Database } from "../../platform/db/database.js";
import { executePrepared } from "../../platform/db/prepared.js";
import { rateLimitCounters } from "./limits.tables.js";

export function createLimitsRepository(db: Database) {
  return {
    /**
     * Counts one attempt in one atomic upsert: inside the open window the count grows, after it a
     * new window starts at `now` with a count of 1. Returns the count and when the window ends.
     */
    async hit(budget: string, keyHash: string, now: Date, windowMs: number) {
      const endsAt = new Date(now.getTime() + windowMs);
      const result = await executePrepared<{ count: number; window_ends_at: string | Date }>(
        db,
        sql`
        insert into rate_limit_counters as c (budget, key_hash, count, window_ends_at)
        values (${budget}, ${keyHash}, 1, ${endsAt.toISOString()})
        on conflict (budget, key_hash) do update set
          count = case when c.window_ends_at > ${now.toISOString()} then c.count + 1 else 1 end,
          window_ends_at = case when c.window_ends_at > ${now.toISOString()} then c.window_ends_at
                                else excluded.window_ends_at end
        returning c.count, c.window_ends_at`,
      );
      const row = result.rows[0];
      if (!row) throw new Error("rate-limit upsert returned no row");
      return { count: Number(row.count), windowEndsAt: new Date(row.window_ends_at) };
    },

    /** Deletes counters whose window has ended; returns how many. */
    async sweep(now: Date) {
      const deleted = await db
        .delete(rateLimitCounters)
        .where(lt(rateLimitCounters.windowEndsAt, now))
        .returning({ budget: rateLimitCounters.budget });
      return deleted.length;
    },
  };
}
