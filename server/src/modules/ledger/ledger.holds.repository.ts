import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { type PostInput, postFields, toStoredReferences } from "./ledger.repository.js";
import { ledgerAccounts, ledgerHolds } from "./ledger.tables.js";

export type HoldRow = typeof ledgerHolds.$inferSelect;

/** A transfer that resolves the pending hold it names. */
export interface ResolvingHold {
  holdId: string;
  status: "captured" | "voided";
  capturedCents: number | null;
  post: PostInput;
}

/** A transfer that makes a new hold, stored with it. */
export interface InsertingHold {
  hold: typeof ledgerHolds.$inferInsert & { createdAt: Date };
  post: PostInput;
}

/** The SQL of two-phase holds: reserve, then capture (all or part) or void, exactly once. */
export function createHoldsRepository() {
  return {
    /**
     * Many transfers in one statement (one `ledger_post_many` call, which takes all their account
     * locks at once, in id order): first those resolving the pending holds they name (captured or
     * voided), then those making new holds, which are stored (a repeated key is skipped). Any
     * refusal fails the whole statement.
     */
    async postHoldChanges(
      db: Executor,
      changes: { resolving: ResolvingHold[]; inserting: InsertingHold[] },
      at: Date,
    ) {
      const records = [
        ...changes.resolving.map((item) => ({
          kind: "resolve",
          hold_id: item.holdId,
          status: item.status,
          captured_cents: item.capturedCents,
          ...postFields(item.post),
        })),
        ...changes.inserting.map((item) => ({
          kind: "insert",
          new_hold_id: item.hold.id ?? null,
          hold_key: item.hold.idempotencyKey,
          wallet_account_id: item.hold.walletAccountId,
          hold_account_id: item.hold.holdAccountId,
          amount_cents: item.hold.amountCents,
          hold_code: item.hold.code,
          hold_refs: toStoredReferences(item.hold.references ?? {}),
          created_at: item.hold.createdAt.toISOString(),
          ...postFields(item.post),
        })),
      ];
      const resolved: { holdId: string; transferId: string }[] = [];
      const inserted: { id: string; idempotencyKey: string }[] = [];
      if (records.length === 0) return { resolved, inserted };
      const result = await db.execute<{ kind: "resolved" | "inserted"; id: string; detail: string }>(sql`
        with input as materialized (select ${JSON.stringify(records)}::jsonb as items),
        posted as materialized (select p.* from input, ledger_post_many(input.items) p),
        items as materialized (
          select x.*
          from input, rows from (jsonb_to_recordset(input.items) as (
            kind text, hold_id uuid, status text, captured_cents bigint, new_hold_id uuid, hold_key text,
            wallet_account_id bigint, hold_account_id bigint, amount_cents bigint, hold_code text, hold_refs jsonb,
            created_at timestamptz))
            with ordinality as x(kind, hold_id, status, captured_cents, new_hold_id, hold_key, wallet_account_id,
              hold_account_id, amount_cents, hold_code, hold_refs, created_at, ordinal)
        ),
        resolved as (
          update ledger_holds h
          set status = items.status, captured_cents = items.captured_cents,
              resolve_transfer_id = posted.transfer_id, resolved_at = ${at.toISOString()}::timestamptz
          from items join posted on posted.ordinal = items.ordinal
          where items.kind = 'resolve' and h.id = items.hold_id and h.status = 'pending'
          returning h.id, posted.transfer_id
        ),
        inserted as (
          insert into ledger_holds (id, idempotency_key, wallet_account_id, hold_account_id, amount_cents, code,
            "references", create_transfer_id, created_at)
          select coalesce(items.new_hold_id, gen_random_uuid()), items.hold_key, items.wallet_account_id, items.hold_account_id, items.amount_cents,
            items.hold_code, items.hold_refs, posted.transfer_id, items.created_at
          from items join posted on posted.ordinal = items.ordinal
          where items.kind = 'insert'
          order by items.ordinal
          on conflict do nothing
          returning id, idempotency_key
        )
        select 'resolved' as kind, id::text as id, transfer_id::text as detail from resolved
        union all
        select 'inserted', id::text, idempotency_key from inserted`);
      for (const row of result.rows) {
        if (row.kind === "resolved") resolved.push({ holdId: row.id, transferId: row.detail });
        else inserted.push({ id: row.id, idempotencyKey: row.detail });
      }
      return { resolved, inserted };
    },

    async findHoldsByKeys(db: Executor, idempotencyKeys: string[]) {
      if (idempotencyKeys.length === 0) return [];
      return db.select().from(ledgerHolds).where(inArray(ledgerHolds.idempotencyKey, idempotencyKeys));
    },

    /** Locks holds (in id order, so racing callers take turns) with each wallet's owner. */
    async lockHoldsWithOwners(db: Executor, holdIds: string[]) {
      if (holdIds.length === 0) return [];
      return db
        .select({ hold: ledgerHolds, ownerUserId: ledgerAccounts.ownerUserId })
        .from(ledgerHolds)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerHolds.walletAccountId))
        .where(inArray(ledgerHolds.id, holdIds))
        .orderBy(ledgerHolds.id)
        .for("update", { of: ledgerHolds });
    },

    async insertHold(db: Executor, hold: typeof ledgerHolds.$inferInsert) {
      const stored = { ...hold, references: toStoredReferences(hold.references ?? {}) };
      const rows = await db.insert(ledgerHolds).values(stored).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },

    async findHoldByKey(db: Executor, idempotencyKey: string) {
      const [row] = await db.select().from(ledgerHolds).where(eq(ledgerHolds.idempotencyKey, idempotencyKey));
      return row ?? null;
    },

    async findHold(db: Executor, holdId: string) {
      const [row] = await db.select().from(ledgerHolds).where(eq(ledgerHolds.id, holdId));
      return row ?? null;
    },

    async lockHold(db: Executor, holdId: string) {
      const [row] = await db.select().from(ledgerHolds).where(eq(ledgerHolds.id, holdId)).for("update");
      return row ?? null;
    },

    /** Claims a pending hold for resolution; only one caller can ever win. */
    async claimHold(
      db: Executor,
      holdId: string,
      resolution: {
        status: "captured" | "voided";
        capturedCents: number | null;
        transferId: string;
        at: Date;
      },
    ) {
      const rows = await db
        .update(ledgerHolds)
        .set({
          status: resolution.status,
          capturedCents: resolution.capturedCents,
          resolveTransferId: resolution.transferId,
          resolvedAt: resolution.at,
        })
        .where(and(eq(ledgerHolds.id, holdId), eq(ledgerHolds.status, "pending")))
        .returning();
      return rows[0] ?? null;
    },
  };
}
