import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { UsersService } from "../users/users.service.js";
import type { PayoutFilters, PayoutRow, PayoutsRepository } from "./payouts.repository.js";
import type { PayoutRun } from "./payouts.run.js";
import type { PayoutIntent, PayoutSteps } from "./payouts.steps.js";
import { toPayoutDto } from "./payouts.view.js";

/**
 * What admins do with payouts: list them, hold or release a reader's payouts, pay a reader now,
 * retry a failed payout. Every action carries a reason and is audit-logged.
 */
export function createPayoutsAdmin(deps: {
  db: Database;
  repository: PayoutsRepository;
  steps: PayoutSteps;
  run: Pick<PayoutRun, "sendAndSettle">;
  ledger: Pick<LedgerService, "earningsOf">;
  audit: Pick<AuditService, "record">;
  users: Pick<UsersService, "contactsOf">;
  clock: Clock;
  pendingMs: number;
}) {
  const { repository } = deps;
  const actorOf = (principal: Principal) => ({ userId: principal.userId, email: principal.email });

  async function readyAccount(readerUserId: string) {
    const account = await repository.findAccount(deps.db, readerUserId);
    if (!account) throw new DomainError("NOT_FOUND", "This reader has no payout account.");
    if (!account.readyAt)
      throw new DomainError("PAYOUT_ACCOUNT_NOT_READY", "This reader has not finished payout onboarding.");
    if (account.heldAt)
      throw new DomainError("PAYOUTS_HELD", `Payouts to this reader are on hold: ${account.heldReason}`);
    return account;
  }

  async function earningsOf(readerUserId: string) {
    const pendingSince = new Date(deps.clock.now().getTime() - deps.pendingMs);
    const [row] = await deps.ledger.earningsOf([readerUserId], pendingSince);
    return { availableCents: row?.availableCents ?? 0, settleCents: row?.settleCents ?? 0 };
  }

  /** Makes one payout (or finds the one its key already made), sends and settles it. */
  async function payOne(intent: PayoutIntent, actor: Principal, reason: string) {
    const made = await deps.steps.make([intent], actorOf(actor), reason);
    if (made[0]) await deps.run.sendAndSettle(made, false);
    const payout = await repository.findPayoutByKey(deps.db, intent.idempotencyKey);
    if (!payout) throw new Error("payout missing after it was made");
    return toPayoutDto(payout);
  }

  async function withNames(rows: PayoutRow[]) {
    const contacts = await deps.users.contactsOf([...new Set(rows.map((row) => row.readerUserId))]);
    return rows.map((row) => ({
      ...toPayoutDto(row),
      readerName: contacts.get(row.readerUserId)?.displayName ?? null,
      readerEmail: contacts.get(row.readerUserId)?.email ?? null,
    }));
  }

  return {
    async list(query: PayoutFilters & { cursor?: string; limit?: number }) {
      const { cursor, limit = 25, ...filters } = query;
      const rows = await repository.list(deps.db, filters, decodeCursor(cursor), limit);
      const page = toPage(rows, limit);
      const [items, totals, held] = await Promise.all([
        withNames(page.items),
        repository.countByStatus(deps.db),
        repository.heldAccounts(deps.db, 50),
      ]);
      const heldContacts = await deps.users.contactsOf(held.map((row) => row.readerUserId));
      return {
        items,
        nextCursor: page.nextCursor,
        totals,
        held: held.map((row) => ({
          readerUserId: row.readerUserId,
          readerName: heldContacts.get(row.readerUserId)?.displayName ?? null,
          heldAt: row.heldAt?.toISOString() ?? "",
          heldReason: row.heldReason ?? "",
        })),
      };
    },

    /** Holds (or releases) every payout to a reader; the daily run skips a held reader. */
    async setHold(actor: Principal, readerUserId: string, hold: boolean, reason: string, requestId: string) {
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const account = await repository.findAccount(tx, readerUserId);
        if (!account) throw new DomainError("NOT_FOUND", "This reader has no payout account.");
        if (hold === (account.heldAt !== null))
          throw new DomainError(
            "INVALID_TRANSITION",
            hold ? "Payouts to this reader are already on hold." : "Payouts to this reader are not on hold.",
          );
        await repository.setHold(tx, readerUserId, hold ? { at: now, reason: reason.trim() } : null, now);
        await deps.audit.record(tx, {
          actor: actorOf(actor),
          action: hold ? "payouts.held" : "payouts.released",
          objectType: "user",
          objectId: readerUserId,
          details: { reason: reason.trim() },
          requestId,
        });
        return { held: hold, heldReason: hold ? reason.trim() : null };
      });
    },

    /** Pays a reader's available earnings now, whatever their threshold; once per key. */
    async payNow(actor: Principal, readerUserId: string, input: { idempotencyKey: string; reason: string }) {
      const idempotencyKey = `manual:${readerUserId}:${input.idempotencyKey}`;
      const existing = await repository.findPayoutByKey(deps.db, idempotencyKey);
      if (existing) return toPayoutDto(existing);
      const account = await readyAccount(readerUserId);
      const { availableCents: available, settleCents } = await earningsOf(readerUserId);
      if (available <= 0) {
        // The same request racing itself: the other one made the payout (and moved the money).
        const made = await repository.findPayoutByKey(deps.db, idempotencyKey);
        if (made) return toPayoutDto(made);
        throw new DomainError("NOTHING_TO_PAY", "This reader has no available earnings to pay out.");
      }
      return payOne(
        {
          readerUserId,
          idempotencyKey,
          trigger: "manual",
          amountCents: available,
          settleCents,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
        actor,
        input.reason.trim(),
      );
    },

    /** A failed payout, paid again with its own key (once); the money must still be available. */
    async retry(actor: Principal, payoutId: string, reason: string) {
      const failed = await repository.findPayout(deps.db, payoutId);
      if (!failed) throw new DomainError("NOT_FOUND", "No such payout.");
      const idempotencyKey = `retry:${failed.id}`;
      const existing = await repository.findPayoutByKey(deps.db, idempotencyKey);
      if (existing) return toPayoutDto(existing);
      if (failed.status !== "failed")
        throw new DomainError(
          "INVALID_TRANSITION",
          `Only a failed payout can be retried; this one is ${failed.status.replace("_", " ")}.`,
        );
      const account = await readyAccount(failed.readerUserId);
      const { availableCents: available, settleCents } = await earningsOf(failed.readerUserId);
      if (available < failed.amountCents)
        throw new DomainError(
          "NOTHING_TO_PAY",
          `Only ${available} cents are available; the failed payout was ${failed.amountCents} cents.`,
        );
      return payOne(
        {
          readerUserId: failed.readerUserId,
          idempotencyKey,
          trigger: "retry",
          amountCents: failed.amountCents,
          settleCents,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
        actor,
        reason.trim(),
      );
    },
  };
}

export type PayoutsAdmin = ReturnType<typeof createPayoutsAdmin>;
