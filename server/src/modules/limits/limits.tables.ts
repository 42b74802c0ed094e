import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One counter per named budget and caller, shared by every app node: a fixed window that starts
 * at the caller's first attempt. The key is stored hashed (no addresses or emails at rest); rows
 * past their window are swept. The table is unlogged (migration 0038): no write-ahead log for a
 * write on every limited request; a PostgreSQL crash empties it and the windows start over.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    budget: text("budget").notNull(),
    keyHash: text("key_hash").notNull(),
    count: integer("count").notNull(),
    windowEndsAt: timestamp("window_ends_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ name: "rate_limit_counters_pk", columns: [table.budget, table.keyHash] }),
    index("rate_limit_counters_window_ends_idx").on(table.windowEndsAt),
  ],
);
