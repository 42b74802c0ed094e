import { sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";

/** One charge a client paid from their wallet: what it charged, the reader's part, what was refunded. */
export interface ClientCharge {
  /** What refunds of it reference: `reading:<id>`, `booking:<id>` or a transfer id. */
  chargeRef: string;
  firstAt: Date;
  readerUserId: string | null;
  chargedCents: number;
  readerCents: number;
  refundedCents: number;
}

/**
 * The charges a client paid from their wallet since `since`, oldest first: direct wallet charges
 * (paid replies, gifts, tickets, tips) and captures of the client's holds (readings, bookings),
 * a reading's or a booking's captures taken together, each with what refunds already gave back.
 */
export async function clientChargesSince(db: Executor, walletAccountId: number, since: Date) {
  const result = await db.execute<{
    charge_ref: string;
    first_at: Date | string;
    reader_user_id: string | null;
    charged_cents: string;
    reader_cents: string;
    refunded_cents: string;
  }>(sql`
    with charges as (
      select distinct t.id as transfer_id, t.created_at, t.id::text as charge_ref
      from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
      where e.account_id = ${walletAccountId} and e.amount_cents < 0 and e.created_at >= ${since}
        and t.code in ('session_charge', 'booking_hold', 'paid_reply', 'gift', 'ticket', 'tip', 'product_sale')
      union all
      select t.id, t.created_at,
        case when h."references" ? 'sessionId' then 'reading:' || (h."references"->>'sessionId')
             when h."references" ? 'bookingId' then 'booking:' || (h."references"->>'bookingId')
             else t.id::text end
      from ledger_holds h join ledger_transfers t on t.id = h.resolve_transfer_id
      where h.wallet_account_id = ${walletAccountId} and h.status = 'captured' and h.resolved_at >= ${since}
    ), parts as (
      select c.charge_ref, min(c.created_at) as first_at,
        max(a.owner_user_id) filter (where a.kind = 'earnings') as reader_user_id,
        coalesce(sum(e.amount_cents) filter (where a.kind = 'earnings' and e.amount_cents > 0), 0) as reader_cents,
        coalesce(sum(e.amount_cents) filter (
          where a.kind in ('earnings', 'platform_revenue') and e.amount_cents > 0), 0) as charged_cents
      from charges c
      join ledger_entries e on e.transfer_id = c.transfer_id
      join ledger_accounts a on a.id = e.account_id
      group by c.charge_ref
    )
    select p.charge_ref, p.first_at, p.reader_user_id, p.charged_cents::text, p.reader_cents::text,
      coalesce((
        select sum(e.amount_cents)
        from ledger_transfers t
        join ledger_entries e on e.transfer_id = t.id
        join ledger_accounts a on a.id = e.account_id
        where t.code = 'refund' and t."references"->>'refundOf' = p.charge_ref
          and a.kind = 'wallet' and e.amount_cents > 0
      ), 0)::text as refunded_cents
    from parts p
    where p.charged_cents > 0
    order by p.first_at, p.charge_ref`);
  return result.rows.map(
    (row): ClientCharge => ({
      chargeRef: row.charge_ref,
      firstAt: new Date(row.first_at),
      readerUserId: row.reader_user_id,
      chargedCents: Number(row.charged_cents),
      readerCents: Number(row.reader_cents),
      refundedCents: Number(row.refunded_cents),
    }),
  );
}

/**
 * What a lost dispute takes from each reader: the disputed money the wallet no longer held
 * (`owedCents`) was spent on the client's charges since the top-up, oldest first; of each charge
 * still standing (less its refunds), the reader's part is theirs to give back, in the charge's own
 * proportion, floored. What no reader's part covers is the platform's loss.
 */
export function readerSharesOfDisputed(charges: readonly ClientCharge[], owedCents: number) {
  let remaining = owedCents;
  const byReader = new Map<string, number>();
  for (const charge of charges) {
    if (remaining <= 0) break;
    const standing = charge.chargedCents - charge.refundedCents;
    if (standing <= 0) continue;
    const taken = Math.min(standing, remaining);
    remaining -= taken;
    if (!charge.readerUserId || charge.readerCents <= 0) continue;
    const readerCents = Number((BigInt(taken) * BigInt(charge.readerCents)) / BigInt(charge.chargedCents));
    if (readerCents > 0)
      byReader.set(charge.readerUserId, (byReader.get(charge.readerUserId) ?? 0) + readerCents);
  }
  const readersCents = [...byReader.values()].reduce((sum, cents) => sum + cents, 0);
  return { byReader, lossCents: owedCents - readersCents };
}
