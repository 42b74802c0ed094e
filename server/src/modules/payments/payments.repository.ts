import { and, asc, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { cardRefunds, paymentEvents, type TopUpStatus, topUps } from "./payments.tables.js";

export type TopUpRow = typeof topUps.$inferSelect;
export type CardRefundRow = typeof cardRefunds.$inferSelect;

export function createPaymentsRepository() {
  return {
    async insertTopUp(db: Executor, row: typeof topUps.$inferInsert) {
      const [created] = await db.insert(topUps).values(row).returning();
      if (!created) throw new Error("top-up insert returned no row");
      return created;
    },
    async attachCheckout(db: Executor, id: string, checkout: { checkoutId: string; url: string }) {
      const [row] = await db
        .update(topUps)
        .set({ providerCheckoutId: checkout.checkoutId, checkoutUrl: checkout.url })
        .where(eq(topUps.id, id))
        .returning();
      return row ?? null;
    },
    async findTopUp(db: Executor, id: string) {
      const [row] = await db.select().from(topUps).where(eq(topUps.id, id));
      return row ?? null;
    },
    async findTopUpByCheckout(db: Executor, provider: string, checkoutId: string) {
      const [row] = await db
        .select()
        .from(topUps)
        .where(and(eq(topUps.provider, provider as "stripe"), eq(topUps.providerCheckoutId, checkoutId)));
      return row ?? null;
    },
    async findTopUpByPayment(db: Executor, provider: string, paymentId: string) {
      const [row] = await db
        .select()
        .from(topUps)
        .where(and(eq(topUps.provider, provider as "stripe"), eq(topUps.providerPaymentId, paymentId)));
      return row ?? null;
    },

    async lockTopUp(db: Executor, id: string) {
      const [row] = await db.select().from(topUps).where(eq(topUps.id, id)).for("update");
      return row ?? null;
    },
    async completeTopUp(
      db: Executor,
      id: string,
      changes: {
        status: TopUpStatus;
        at: Date;
        transferId?: string;
        providerPaymentId?: string | null;
        failureMessage?: string;
      },
    ) {
      await db
        .update(topUps)
        .set({
          status: changes.status,
          completedAt: changes.at,
          transferId: changes.transferId,
          providerPaymentId: changes.providerPaymentId ?? undefined,
          failureMessage: changes.failureMessage,
        })
        .where(eq(topUps.id, id));
    },
    /**
     * Every top-up transfer matches exactly one credited provider event of its top-up, and every
     * succeeded top-up has exactly one such transfer. It reads the ledger's transfers in its SQL:
     * a read-only consistency check across both, in one statement (decision 0015).
     */
    async topUpViolations(db: Executor) {
      const result = await db.execute<{ detail: string }>(sql`
        select 'transfer ' || t.id || ' has no matching credited event' as detail
        from ledger_transfers t
        where t.code = 'top_up' and (
          select count(*) from payment_events e
          where e.provider_event_id = t."references"->>'providerEventId'
            and e.top_up_id::text = t."references"->>'topUpId' and e.outcome = 'credited') <> 1
        union all
        select 'top-up ' || u.id || ' succeeded with ' || count(t.id) || ' transfers' as detail
        from top_ups u
        left join ledger_transfers t on t.code = 'top_up' and t."references"->>'topUpId' = u.id::text
        where u.status = 'succeeded'
        group by u.id having count(t.id) <> 1
        limit 20`);
      return result.rows.map((row) => ({ check: "top_ups_match_provider_events", detail: row.detail }));
    },

    /** Records an event once; returns null when this provider event id was seen before. */
    async recordEvent(db: Executor, event: typeof paymentEvents.$inferInsert) {
      const rows = await db
        .insert(paymentEvents)
        .values(event)
        .onConflictDoNothing()
        .returning({ id: paymentEvents.id });
      return rows[0]?.id ?? null;
    },
    /** A client's paid top-ups, newest first (what a refund to the card goes back against). */
    paidTopUpsOf(db: Executor, userId: string, limit: number) {
      return db
        .select()
        .from(topUps)
        .where(
          and(eq(topUps.userId, userId), eq(topUps.status, "succeeded"), isNotNull(topUps.providerPaymentId)),
        )
        .orderBy(desc(topUps.createdAt), desc(topUps.id))
        .limit(limit);
    },

    async insertCardRefunds(db: Executor, rows: (typeof cardRefunds.$inferInsert)[]) {
      if (rows.length === 0) return [];
      return db.insert(cardRefunds).values(rows).onConflictDoNothing().returning();
    },

    cardRefundsOfRequest(db: Executor, userId: string, requestKey: string) {
      return db
        .select()
        .from(cardRefunds)
        .where(and(eq(cardRefunds.userId, userId), eq(cardRefunds.requestKey, requestKey)))
        .orderBy(asc(cardRefunds.createdAt));
    },

    /** Pending refunds last touched before `before` (the sweep's work). */
    pendingCardRefunds(db: Executor, before: Date, limit: number) {
      return db
        .select()
        .from(cardRefunds)
        .where(and(eq(cardRefunds.status, "pending"), lt(cardRefunds.updatedAt, before)))
        .orderBy(asc(cardRefunds.updatedAt))
        .limit(limit);
    },

    /** Moves a pending refund to its outcome; answers the row when it moved (only once). */
    async settleCardRefund(
      db: Executor,
      id: string,
      outcome: {
        status: "succeeded" | "failed" | "pending";
        providerRefundId?: string;
        failureReason?: string;
      },
      now: Date,
    ) {
      const [row] = await db
        .update(cardRefunds)
        .set({
          status: outcome.status,
          providerRefundId: outcome.providerRefundId ?? null,
          failureReason: outcome.failureReason ?? null,
          attempts: sql`${cardRefunds.attempts} + 1`,
          updatedAt: now,
        })
        .where(and(eq(cardRefunds.id, id), eq(cardRefunds.status, "pending")))
        .returning();
      return row ?? null;
    },

    async setEventOutcome(db: Executor, id: string, outcome: string, topUpId: string | null) {
      await db.update(paymentEvents).set({ outcome, topUpId }).where(eq(paymentEvents.id, id));
    },
  };
}

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
