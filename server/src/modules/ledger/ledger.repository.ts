import { and, desc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import type { HouseAccountKind, TransferCode, UserAccountKind } from "./ledger.rules.js";
import { ledgerAccounts, ledgerEntries, ledgerTransfers } from "./ledger.tables.js";

export interface PostInput {
  idempotencyKey: string;
  code: TransferCode;
  references: Record<string, string>;
  accountIds: number[];
  amounts: number[];
  spend: { accountId: number; cents: number; day: string } | null;
  now: Date;
}

/**
 * Reference keys stored under their earlier name: the stored JSON is a data contract (readings
 * were once called sessions), so the key is translated here, at the SQL boundary, both ways.
 */
const STORED_REFERENCE_KEYS: Readonly<Record<string, string>> = { readingId: "sessionId" };
const PUBLIC_REFERENCE_KEYS: Readonly<Record<string, string>> = { sessionId: "readingId" };

const renameKeys = (references: Record<string, string>, names: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(references).map(([key, value]) => [names[key] ?? key, value]));

/** References as stored (`readingId` is stored as `sessionId`). */
export const toStoredReferences = (references: Record<string, string>) =>
  renameKeys(references, STORED_REFERENCE_KEYS);
/** References as the rest of the code names them (stored `sessionId` is `readingId`). */
export const toPublicReferences = (references: Record<string, string>) =>
  renameKeys(references, PUBLIC_REFERENCE_KEYS);

/** One transfer as a JSON record for `ledger_post_many` (see migrations/0012_ledger_post_many.sql). */
export function postFields(input: PostInput) {
  return {
    idempotency_key: input.idempotencyKey,
    code: input.code,
    refs: toStoredReferences(input.references),
    account_ids: input.accountIds,
    amounts: input.amounts,
    spend_account_id: input.spend?.accountId ?? null,
    spend_cents: input.spend?.cents ?? 0,
    spend_day: input.spend?.day ?? null,
    now: input.now.toISOString(),
  };
}

export function createLedgerRepository() {
  return {
    /** One round trip: the `ledger_post` function does the whole transfer atomically. */
    async post(db: Executor, input: PostInput): Promise<{ transferId: string; created: boolean }> {
      const result = await db.execute<{ transfer_id: string; created: boolean }>(sql`
        select transfer_id, created from ledger_post(
          ${input.idempotencyKey}, ${input.code}, ${JSON.stringify(toStoredReferences(input.references))}::jsonb,
          ${`{${input.accountIds.join(",")}}`}::bigint[], ${`{${input.amounts.join(",")}}`}::bigint[],
          ${input.spend?.accountId ?? null}::bigint, ${input.spend?.cents ?? 0}::bigint,
          ${input.spend?.day ?? null}::date, ${input.now.toISOString()}::timestamptz)`);
      const row = result.rows[0];
      if (!row) throw new Error("ledger_post returned no row");
      return { transferId: row.transfer_id, created: row.created };
    },

    /** Many transfers in one `ledger_post_many` call, in order: all or nothing. */
    async postMany(db: Executor, inputs: PostInput[]): Promise<{ transferId: string; created: boolean }[]> {
      if (inputs.length === 0) return [];
      const result = await db.execute<{ ordinal: number; transfer_id: string; created: boolean }>(sql`
        select ordinal, transfer_id, created
        from ledger_post_many(${JSON.stringify(inputs.map(postFields))}::jsonb)
        order by ordinal`);
      if (result.rows.length !== inputs.length) throw new Error("ledger_post_many answered another count");
      return result.rows.map((row) => ({ transferId: row.transfer_id, created: row.created }));
    },
    async findUserAccountId(db: Executor, kind: UserAccountKind, userId: string) {
      const [row] = await db
        .select({ id: ledgerAccounts.id })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.ownerUserId, userId)));
      return row?.id ?? null;
    },

    /** Many users' accounts of one kind, in one query. */
    async findUserAccountIds(db: Executor, kind: UserAccountKind, userIds: string[]) {
      if (userIds.length === 0) return [];
      return db
        .select({ id: ledgerAccounts.id, ownerUserId: ledgerAccounts.ownerUserId })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.kind, kind), inArray(ledgerAccounts.ownerUserId, userIds)));
    },

    /** Many users' wallets: balance and whether frozen, in one query. */
    async walletsOf(db: Executor, userIds: string[]) {
      if (userIds.length === 0) return [];
      return db
        .select({
          ownerUserId: ledgerAccounts.ownerUserId,
          balanceCents: ledgerAccounts.balanceCents,
          frozenAt: ledgerAccounts.frozenAt,
        })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.kind, "wallet"), inArray(ledgerAccounts.ownerUserId, userIds)));
    },

    async createUserAccount(db: Executor, kind: UserAccountKind, userId: string) {
      await db
        .insert(ledgerAccounts)
        .values({ kind, ownerUserId: userId })
        .onConflictDoNothing({
          target: [ledgerAccounts.kind, ledgerAccounts.ownerUserId],
          where: sql`owner_user_id is not null`,
        });
    },

    async houseAccountIds(db: Executor) {
      return db
        .select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, shard: ledgerAccounts.shard })
        .from(ledgerAccounts)
        .where(isNull(ledgerAccounts.ownerUserId));
    },

    async ownerOfAccount(db: Executor, accountId: number) {
      const [row] = await db
        .select({ ownerUserId: ledgerAccounts.ownerUserId })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.id, accountId));
      return row?.ownerUserId ?? null;
    },

    async balanceOf(db: Executor, accountId: number) {
      const [row] = await db
        .select({ balanceCents: ledgerAccounts.balanceCents })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.id, accountId));
      return row?.balanceCents ?? 0;
    },

    async houseBalance(db: Executor, kind: HouseAccountKind) {
      const [row] = await db
        .select({ total: sql<string>`coalesce(sum(${ledgerAccounts.balanceCents}), 0)` })
        .from(ledgerAccounts)
        .where(and(eq(ledgerAccounts.kind, kind), isNull(ledgerAccounts.ownerUserId)));
      return Number(row?.total ?? 0);
    },
    /** Each invariant as one query returning the rows that break it (empty = holds). */
    async invariantViolations(db: Executor) {
      const checks: Record<string, ReturnType<typeof sql>> = {
        sum_is_zero: sql`select sum(balance_cents)::text as detail from ledger_accounts having sum(balance_cents) <> 0`,
        balance_matches_entries: sql`
          select a.id::text || ' cached ' || a.balance_cents || ' entries ' || coalesce(e.total, 0) as detail
          from ledger_accounts a
          left join (select account_id, sum(amount_cents) as total from ledger_entries group by account_id) e
            on e.account_id = a.id
          where a.balance_cents <> coalesce(e.total, 0)`,
        no_negative_balance: sql`
          select id::text || ' ' || kind || ' ' || balance_cents as detail from ledger_accounts
          where kind in ('wallet', 'earnings', 'holds') and balance_cents < 0`,
        transfers_balance: sql`
          select t.id::text as detail from ledger_transfers t
          left join ledger_entries e on e.transfer_id = t.id
          group by t.id having count(e.id) < 2 or sum(e.amount_cents) <> 0`,
        // Entries carry no foreign keys (decision 0020): each must name a transfer and an account.
        entries_belong: sql`
          select e.id::text || ' transfer ' || e.transfer_id || ' account ' || e.account_id as detail
          from ledger_entries e
          where not exists (select 1 from ledger_transfers t where t.id = e.transfer_id)
             or not exists (select 1 from ledger_accounts a where a.id = e.account_id)`,
        // Two set-based halves (a correlated EXISTS under OR was quadratic in the number of holds).
        holds_resolved_once: sql`
          select h.id::text as detail from ledger_holds h
          where (h.status = 'pending') <> (h.resolve_transfer_id is null)
          union
          select h.id::text as detail from ledger_holds h
          join (select resolve_transfer_id from ledger_holds where resolve_transfer_id is not null
                group by resolve_transfer_id having count(*) > 1) shared
            on shared.resolve_transfer_id = h.resolve_transfer_id`,
        holds_account_covers_pending: sql`
          select a.id::text || ' holds ' || a.balance_cents || ' pending ' || coalesce(p.total, 0) as detail
          from ledger_accounts a
          left join (select hold_account_id, sum(amount_cents) as total from ledger_holds
                     where status = 'pending' group by hold_account_id) p on p.hold_account_id = a.id
          where a.kind = 'holds' and a.balance_cents <> coalesce(p.total, 0)`,
      };
      const violations: { check: string; detail: string }[] = [];
      for (const [check, query] of Object.entries(checks)) {
        const result = await db.execute<{ detail: string }>(query);
        for (const row of result.rows.slice(0, 20)) violations.push({ check, detail: row.detail });
      }
      const counts = await db.execute<{ accounts: number; transfers: number; entries: number }>(sql`
        select (select count(*) from ledger_accounts)::int as accounts,
               (select count(*) from ledger_transfers)::int as transfers,
               (select count(*) from ledger_entries)::int as entries`);
      return {
        checks: Object.keys(checks),
        violations,
        ...(counts.rows[0] ?? { accounts: 0, transfers: 0, entries: 0 }),
      };
    },

    /** A page of one account's entries, newest first (keyset on the entry id). */
    async entriesOf(
      db: Executor,
      accountId: number,
      options: { beforeId: number | null; limit: number; code?: TransferCode },
    ) {
      return db
        .select({
          id: ledgerEntries.id,
          transferId: ledgerEntries.transferId,
          code: ledgerEntries.code,
          amountCents: ledgerEntries.amountCents,
          createdAt: ledgerEntries.createdAt,
          references: ledgerTransfers.references,
        })
        .from(ledgerEntries)
        .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
        .where(
          and(
            eq(ledgerEntries.accountId, accountId),
            options.beforeId !== null ? lt(ledgerEntries.id, options.beforeId) : undefined,
            options.code ? eq(ledgerEntries.code, options.code) : undefined,
          ),
        )
        .orderBy(desc(ledgerEntries.id))
        .limit(options.limit + 1);
    },

    /** The entries of one transfer, with each account's kind and owner. */
    async transferEntries(db: Executor, transferId: string) {
      return db
        .select({
          code: ledgerEntries.code,
          amountCents: ledgerEntries.amountCents,
          kind: ledgerAccounts.kind,
          ownerUserId: ledgerAccounts.ownerUserId,
        })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .where(eq(ledgerEntries.transferId, transferId));
    },

    /** Serializes refunds of one transfer until the caller's transaction ends. */
    async lockTransferForRefund(db: Executor, transferId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`refund:${transferId}`}, 0))`);
    },

    async refundedCents(db: Executor, transferId: string) {
      const result = await db.execute<{ total: string }>(sql`
        select coalesce(sum(e.amount_cents), 0)::text as total
        from ledger_transfers t join ledger_entries e on e.transfer_id = t.id
        join ledger_accounts a on a.id = e.account_id
        where t.code = 'refund' and t."references"->>'refundOf' = ${transferId}
          and a.kind = 'wallet' and e.amount_cents > 0`);
      return Number(result.rows[0]?.total ?? 0);
    },
    async findTransferIdByKey(db: Executor, idempotencyKey: string) {
      const [row] = await db
        .select({ id: ledgerTransfers.id })
        .from(ledgerTransfers)
        .where(eq(ledgerTransfers.idempotencyKey, idempotencyKey));
      return row?.id ?? null;
    },

    async lockBalance(db: Executor, accountId: number) {
      const [row] = await db
        .select({ balanceCents: ledgerAccounts.balanceCents })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.id, accountId))
        .for("update");
      return row?.balanceCents ?? 0;
    },

    async setFrozen(db: Executor, accountId: number, frozenAt: Date | null) {
      await db.update(ledgerAccounts).set({ frozenAt }).where(eq(ledgerAccounts.id, accountId));
    },

    async isFrozen(db: Executor, accountId: number) {
      const [row] = await db
        .select({ frozenAt: ledgerAccounts.frozenAt })
        .from(ledgerAccounts)
        .where(eq(ledgerAccounts.id, accountId));
      return Boolean(row?.frozenAt);
    },

    /** Money already recovered for one provider payment by transfers of `code` (what the processor took back). */
    async recoveredFor(db: Executor, code: TransferCode, paymentId: string) {
      const result = await db.execute<{ total: string }>(sql`
        select coalesce(sum(e.amount_cents), 0)::text as total
        from ledger_transfers t join ledger_entries e on e.transfer_id = t.id
        join ledger_accounts a on a.id = e.account_id
        where t.code = ${code} and t."references"->>'providerPaymentId' = ${paymentId}
          and a.kind = 'payment_clearing'`);
      return Number(result.rows[0]?.total ?? 0);
    },

    /** Credits to one user account from transfers of one code, per UTC day since `from`. */
    async creditsByDay(
      db: Executor,
      query: { userId: string; kind: UserAccountKind; code: TransferCode; from: Date },
    ) {
      const day = sql<string>`to_char(${ledgerEntries.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, cents: sql<string>`sum(${ledgerEntries.amountCents})` })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .where(
          and(
            eq(ledgerAccounts.kind, query.kind),
            eq(ledgerAccounts.ownerUserId, query.userId),
            eq(ledgerEntries.code, query.code),
            gt(ledgerEntries.amountCents, 0),
            gte(ledgerEntries.createdAt, query.from),
          ),
        )
        .groupBy(day);
      return rows.map((row) => ({ day: row.day, cents: Number(row.cents) }));
    },

    /** Credits to one user account from transfers of one code, per reading they reference. */
    async creditsByReading(
      db: Executor,
      query: { userId: string; kind: UserAccountKind; code: TransferCode; readingIds: string[] },
    ) {
      // The stored reference key keeps its earlier name (see STORED_REFERENCE_KEYS).
      const readingId = sql<string>`${ledgerTransfers.references}->>${sql.raw(`'${STORED_REFERENCE_KEYS.readingId}'`)}`;
      const rows = await db
        .select({ readingId, cents: sql<string>`sum(${ledgerEntries.amountCents})` })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
        .where(
          and(
            eq(ledgerAccounts.kind, query.kind),
            eq(ledgerAccounts.ownerUserId, query.userId),
            eq(ledgerEntries.code, query.code),
            gt(ledgerEntries.amountCents, 0),
            inArray(readingId, query.readingIds),
          ),
        )
        .groupBy(readingId);
      return new Map(rows.map((row) => [row.readingId, Number(row.cents)]));
    },

    /**
     * These users' earnings as they stand and the part credited since `pendingSince` (still inside
     * the refund window); returned payouts (code `payout`) are never pending.
     */
    async earningsOf(db: Executor, userIds: string[], pendingSince: Date) {
      if (userIds.length === 0) return [];
      const result = await db.execute<{
        user_id: string;
        balance_cents: string;
        pending_cents: string;
        owed_cents: string;
      }>(sql`
        select a.owner_user_id as user_id, a.balance_cents::text as balance_cents,
               coalesce((select -r.balance_cents from ledger_accounts r
                         where r.kind = 'receivable' and r.owner_user_id = a.owner_user_id
                           and r.balance_cents < 0), 0)::text as owed_cents,
               coalesce((select sum(e.amount_cents) from ledger_entries e
                         where e.account_id = a.id and e.amount_cents > 0 and e.code <> 'payout'
                           and e.created_at > ${pendingSince.toISOString()}::timestamptz), 0)::text as pending_cents
        from ledger_accounts a
        where a.kind = 'earnings' and a.owner_user_id = any(${`{${userIds.join(",")}}`}::text[])`);
      return result.rows.map((row) => ({
        userId: row.user_id,
        balanceCents: Number(row.balance_cents),
        pendingCents: Number(row.pending_cents),
        owedCents: Number(row.owed_cents),
      }));
    },

    /** Credits to a user's earnings per UTC day and transfer code since `from` (returned payouts left out). */
    async earningsCreditsByDay(db: Executor, userId: string, from: Date) {
      const day = sql<string>`to_char(${ledgerEntries.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, code: ledgerEntries.code, cents: sql<string>`sum(${ledgerEntries.amountCents})` })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
        .where(
          and(
            eq(ledgerAccounts.kind, "earnings"),
            eq(ledgerAccounts.ownerUserId, userId),
            gt(ledgerEntries.amountCents, 0),
            sql`${ledgerEntries.code} <> 'payout'`,
            gte(ledgerEntries.createdAt, from),
          ),
        )
        .groupBy(day, ledgerEntries.code)
        .orderBy(day);
      return rows.map((row) => ({ day: row.day, code: row.code, cents: Number(row.cents) }));
    },

    /**
     * A reader's earnings movements per UTC month and code in [from, to): what was credited to
     * their earnings (returned payouts left out), and what refunds and lost disputes took back
     * from their earnings or their receivable.
     */
    async earningsByMonth(db: Executor, userId: string, from: Date, to: Date) {
      const result = await db.execute<{
        month: string;
        code: TransferCode;
        credited: string;
        taken: string;
      }>(sql`
        select to_char(e.created_at at time zone 'UTC', 'YYYY-MM') as month, e.code,
          coalesce(sum(e.amount_cents) filter (where a.kind = 'earnings' and e.amount_cents > 0 and e.code <> 'payout'), 0)::text as credited,
          coalesce(-sum(e.amount_cents) filter (where e.amount_cents < 0 and e.code in ('refund', 'chargeback')), 0)::text as taken
        from ledger_entries e join ledger_accounts a on a.id = e.account_id
        where a.kind in ('earnings', 'receivable') and a.owner_user_id = ${userId}
          and e.created_at >= ${from.toISOString()}::timestamptz and e.created_at < ${to.toISOString()}::timestamptz
        group by 1, 2
        order by 1, 2`);
      return result.rows.map((row) => ({
        month: row.month,
        code: row.code,
        creditedCents: Number(row.credited),
        takenCents: Number(row.taken),
      }));
    },

    async transferKey(db: Executor, transferId: string) {
      const [row] = await db
        .select({ key: ledgerTransfers.idempotencyKey })
        .from(ledgerTransfers)
        .where(eq(ledgerTransfers.id, transferId));
      return row?.key ?? null;
    },

    /**
     * The admin key figures per UTC bucket (`date_trunc(unit)`) since `from`, summed from entries:
     * top-ups into wallets, net platform revenue, readers' earnings credits (returned payouts left
     * out), confirmed payouts (net into `paid_out`), refunds into wallets, and what card disputes
     * took (debits of wallets and chargeback receivable by `chargeback` transfers). Buckets
     * without entries are absent.
     */
    async figuresByBucket(db: Executor, unit: "day" | "week" | "month", from: Date) {
      const bucket = sql.raw(`to_char(date_trunc('${unit}', e.created_at at time zone 'UTC'), 'YYYY-MM-DD')`);
      const result = await db.execute<{
        bucket: string;
        money_in: string;
        platform_revenue: string;
        reader_earnings: string;
        payouts: string;
        refunds: string;
        disputes: string;
      }>(sql`
        select ${bucket} as bucket,
          coalesce(sum(e.amount_cents) filter (where e.code = 'top_up' and a.kind = 'wallet' and e.amount_cents > 0), 0)::text as money_in,
          coalesce(sum(e.amount_cents) filter (where a.kind = 'platform_revenue'), 0)::text as platform_revenue,
          coalesce(sum(e.amount_cents) filter (where a.kind = 'earnings' and e.amount_cents > 0 and e.code <> 'payout'), 0)::text as reader_earnings,
          coalesce(sum(e.amount_cents) filter (where a.kind = 'paid_out' and e.code = 'payout'), 0)::text as payouts,
          coalesce(sum(e.amount_cents) filter (where e.code = 'refund' and a.kind = 'wallet' and e.amount_cents > 0), 0)::text as refunds,
          coalesce(-sum(e.amount_cents) filter (where e.code = 'chargeback' and a.kind in ('wallet', 'chargeback_receivable') and e.amount_cents < 0), 0)::text as disputes
        from ledger_entries e join ledger_accounts a on a.id = e.account_id
        where e.created_at >= ${from.toISOString()}::timestamptz
          and a.kind in ('wallet', 'platform_revenue', 'earnings', 'paid_out', 'chargeback_receivable')
        group by 1
        order by 1`);
      return result.rows.map((row) => ({
        bucket: row.bucket,
        moneyInCents: Number(row.money_in),
        platformRevenueCents: Number(row.platform_revenue),
        readerEarningsCents: Number(row.reader_earnings),
        payoutsCents: Number(row.payouts),
        refundsCents: Number(row.refunds),
        disputesCents: Number(row.disputes),
      }));
    },
  };
}

export type LedgerRepository = ReturnType<typeof createLedgerRepository>;
