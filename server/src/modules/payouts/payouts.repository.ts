import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import type { PayoutStatus, PayoutTrigger } from "./payouts.state.js";
import { payoutAccounts, payoutRuns, payouts } from "./payouts.tables.js";

export type PayoutAccountRow = typeof payoutAccounts.$inferSelect;
export type PayoutRow = typeof payouts.$inferSelect;

export interface NewPayout {
  id: string;
  readerUserId: string;
  idempotencyKey: string;
  trigger: PayoutTrigger;
  amountCents: number;
  provider: "stripe" | "sandbox";
  providerAccountId: string;
}

export interface PayoutFilters {
  status?: PayoutStatus;
  readerUserId?: string;
  trigger?: PayoutTrigger;
}

export function createPayoutsRepository() {
  return {
    async runFinished(db: Executor, day: string) {
      const [row] = await db.select().from(payoutRuns).where(eq(payoutRuns.day, day));
      return row ?? null;
    },

    async finishRun(
      db: Executor,
      run: { day: string; paid: number; failed: number; paidCents: number; at: Date },
    ) {
      await db
        .insert(payoutRuns)
        .values({
          day: run.day,
          paid: run.paid,
          failed: run.failed,
          paidCents: run.paidCents,
          finishedAt: run.at,
        })
        .onConflictDoNothing({ target: payoutRuns.day });
    },

    async findAccount(db: Executor, readerUserId: string) {
      const [row] = await db
        .select()
        .from(payoutAccounts)
        .where(eq(payoutAccounts.readerUserId, readerUserId));
      return row ?? null;
    },

    async findAccountByProviderId(db: Executor, provider: string, providerAccountId: string) {
      const [row] = await db
        .select()
        .from(payoutAccounts)
        .where(
          and(
            eq(payoutAccounts.provider, provider as "stripe" | "sandbox"),
            eq(payoutAccounts.providerAccountId, providerAccountId),
          ),
        );
      return row ?? null;
    },

    /** Makes the reader's account row once; a second call (a race) keeps the first. */
    async insertAccount(
      db: Executor,
      input: { readerUserId: string; provider: "stripe" | "sandbox"; providerAccountId: string; now: Date },
    ) {
      await db
        .insert(payoutAccounts)
        .values({ ...input, createdAt: input.now, updatedAt: input.now })
        .onConflictDoNothing({ target: payoutAccounts.readerUserId });
    },

    async setReady(db: Executor, readerUserId: string, readyAt: Date | null, now: Date) {
      await db
        .update(payoutAccounts)
        .set({ readyAt, updatedAt: now })
        .where(eq(payoutAccounts.readerUserId, readerUserId));
    },

    async setThreshold(db: Executor, readerUserId: string, thresholdCents: number | null, now: Date) {
      const rows = await db
        .update(payoutAccounts)
        .set({ thresholdCents, updatedAt: now })
        .where(eq(payoutAccounts.readerUserId, readerUserId))
        .returning({ readerUserId: payoutAccounts.readerUserId });
      return rows.length > 0;
    },

    async setHold(db: Executor, readerUserId: string, hold: { at: Date; reason: string } | null, now: Date) {
      const rows = await db
        .update(payoutAccounts)
        .set({ heldAt: hold?.at ?? null, heldReason: hold?.reason ?? null, updatedAt: now })
        .where(eq(payoutAccounts.readerUserId, readerUserId))
        .returning();
      return rows[0] ?? null;
    },

    /** Ready, not held accounts after `afterReaderUserId`, in reader order (the daily run's pages). */
    readyAccounts(db: Executor, afterReaderUserId: string | null, limit: number) {
      return db
        .select()
        .from(payoutAccounts)
        .where(
          and(
            isNotNull(payoutAccounts.readyAt),
            isNull(payoutAccounts.heldAt),
            afterReaderUserId ? gt(payoutAccounts.readerUserId, afterReaderUserId) : undefined,
          ),
        )
        .orderBy(asc(payoutAccounts.readerUserId))
        .limit(limit);
    },

    /** Inserts the payouts whose key is new; answers the ones inserted (a repeated key inserts nothing). */
    async insertPayouts(db: Executor, rows: NewPayout[], now: Date) {
      if (rows.length === 0) return [];
      return db
        .insert(payouts)
        .values(
          rows.map((row) => ({ ...row, status: "in_transit" as const, createdAt: now, updatedAt: now })),
        )
        .onConflictDoNothing({ target: payouts.idempotencyKey })
        .returning();
    },

    async findPayout(db: Executor, id: string) {
      const [row] = await db.select().from(payouts).where(eq(payouts.id, id));
      return row ?? null;
    },

    async findPayoutByKey(db: Executor, idempotencyKey: string) {
      const [row] = await db.select().from(payouts).where(eq(payouts.idempotencyKey, idempotencyKey));
      return row ?? null;
    },

    async findPayoutByTransfer(db: Executor, provider: string, providerTransferId: string) {
      const [row] = await db
        .select()
        .from(payouts)
        .where(
          and(
            eq(payouts.provider, provider as "stripe" | "sandbox"),
            eq(payouts.providerTransferId, providerTransferId),
          ),
        );
      return row ?? null;
    },

    /** Payouts still in transit (oldest first): the reconciler's work after a crash. */
    inTransit(db: Executor, limit: number) {
      return db
        .select()
        .from(payouts)
        .where(eq(payouts.status, "in_transit"))
        .orderBy(asc(payouts.createdAt), asc(payouts.id))
        .limit(limit);
    },

    async countAttempt(db: Executor, ids: string[], now: Date) {
      if (ids.length === 0) return;
      await db
        .update(payouts)
        .set({ attempts: sql`${payouts.attempts} + 1`, updatedAt: now })
        .where(inArray(payouts.id, ids));
    },

    /**
     * Moves these payouts from `from` to `to` (only those still in `from`: a concurrent step that
     * got there first wins); answers the rows it moved.
     */
    async transition(
      db: Executor,
      changes: { id: string; providerTransferId?: string | null; failureReason?: string | null }[],
      from: PayoutStatus,
      to: PayoutStatus,
      now: Date,
    ) {
      if (changes.length === 0) return [];
      const payload = JSON.stringify(
        changes.map((change) => ({
          id: change.id,
          transfer: change.providerTransferId ?? null,
          reason: change.failureReason ?? null,
        })),
      );
      const result = await db.execute<{ id: string }>(sql`
        update payouts p set
          status = ${to},
          provider_transfer_id = coalesce(c.transfer, p.provider_transfer_id),
          failure_reason = coalesce(c.reason, p.failure_reason),
          paid_at = case when ${to} = 'paid' then ${now.toISOString()}::timestamptz else p.paid_at end,
          updated_at = ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${payload}::jsonb) as c(id uuid, transfer text, reason text)
        where p.id = c.id and p.status = ${from}
        returning p.id`);
      const moved = new Set(result.rows.map((row) => row.id));
      return changes.filter((change) => moved.has(change.id));
    },

    /** A page of payouts, newest first, with filters. */
    list(db: Executor, filters: PayoutFilters, cursor: KeysetCursor | null, limit: number) {
      return db
        .select()
        .from(payouts)
        .where(
          and(
            filters.status ? eq(payouts.status, filters.status) : undefined,
            filters.readerUserId ? eq(payouts.readerUserId, filters.readerUserId) : undefined,
            filters.trigger ? eq(payouts.trigger, filters.trigger) : undefined,
            cursor
              ? or(
                  lt(payouts.createdAt, cursor.createdAt),
                  and(eq(payouts.createdAt, cursor.createdAt), lt(payouts.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(payouts.createdAt), desc(payouts.id))
        .limit(limit + 1);
    },

    /** A reader's payouts confirmed (still paid, not reversed) per UTC month of payment in [from, to). */
    async paidByMonth(db: Executor, readerUserId: string, from: Date, to: Date) {
      const month = sql<string>`to_char(${payouts.paidAt} at time zone 'UTC', 'YYYY-MM')`;
      const rows = await db
        .select({ month, cents: sql<string>`sum(${payouts.amountCents})`, count: sql<number>`count(*)::int` })
        .from(payouts)
        .where(
          and(
            eq(payouts.readerUserId, readerUserId),
            eq(payouts.status, "paid"),
            gte(payouts.paidAt, from),
            lt(payouts.paidAt, to),
          ),
        )
        .groupBy(month);
      return new Map(rows.map((row) => [row.month, { cents: Number(row.cents), count: row.count }]));
    },

    /** A reader's payout totals by status. */
    async totalsOf(db: Executor, readerUserId: string) {
      const rows = await db
        .select({ status: payouts.status, cents: sql<string>`sum(${payouts.amountCents})` })
        .from(payouts)
        .where(eq(payouts.readerUserId, readerUserId))
        .groupBy(payouts.status);
      return new Map(rows.map((row) => [row.status, Number(row.cents)]));
    },

    async countByStatus(db: Executor) {
      const rows = await db
        .select({
          status: payouts.status,
          count: sql<number>`count(*)::int`,
          cents: sql<string>`sum(${payouts.amountCents})`,
        })
        .from(payouts)
        .groupBy(payouts.status);
      return rows.map((row) => ({ status: row.status, count: row.count, cents: Number(row.cents) }));
    },

    /** Accounts of these readers (for names of held accounts and list rows). */
    accountsOf(db: Executor, readerUserIds: string[]) {
      if (readerUserIds.length === 0) return Promise.resolve([]);
      return db.select().from(payoutAccounts).where(inArray(payoutAccounts.readerUserId, readerUserIds));
    },

    heldAccounts(db: Executor, limit: number) {
      return db
        .select()
        .from(payoutAccounts)
        .where(isNotNull(payoutAccounts.heldAt))
        .orderBy(desc(payoutAccounts.heldAt))
        .limit(limit);
    },
  };
}

export type PayoutsRepository = ReturnType<typeof createPayoutsRepository>;
