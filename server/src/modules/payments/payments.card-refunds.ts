import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { PayoutProviderError } from "../../platform/payments/payouts-provider.js";
import type { PaymentProvider } from "../../platform/payments/provider.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { CardRefundRow, PaymentsRepository, TopUpRow } from "./payments.repository.js";
import type { cardRefunds } from "./payments.tables.js";

/** Top-ups one request looks back over (newest first). */
const MAX_TOP_UPS = 100;
/** A pending refund is tried again by the sweep once it has not moved for this long. */
export const CARD_REFUND_RETRY_AFTER_MS = 30_000;
const SWEEP_BATCH = 100;

export function toCardRefundDto(row: CardRefundRow) {
  return {
    id: row.id,
    topUpId: row.topUpId,
    amountCents: row.amountCents,
    status: row.status,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
  };
}

const ledgerKey = (row: { id: string }) => `card_refund:${row.id}`;

/**
 * A client's wallet balance back to their card: split over their own paid top-ups, newest first,
 * never more than is left of each (what earlier refunds and the processor already took back). The
 * wallet is debited with the rows in one transaction; each provider refund carries the row's id
 * as its key, so retries (and the sweep after a crash) never refund twice; a refused one returns
 * the money to the wallet. The processor's later `charge.refunded` event finds it already booked.
 */
export function createCardRefunds(deps: {
  db: Database;
  ledger: LedgerService;
  provider: PaymentProvider;
  repository: PaymentsRepository;
  clock: Clock;
  logger: FastifyBaseLogger;
}) {
  const { repository } = deps;

  async function plan(tx: Executor, principal: Principal, requestKey: string) {
    const wallet = await deps.ledger.lockWallet(principal.userId, tx);
    // The same request sent twice at once: the second waits on the wallet, then finds the first's rows.
    if ((await repository.cardRefundsOfRequest(tx, principal.userId, requestKey)).length > 0) return [];
    if (wallet.frozen)
      throw new DomainError(
        "ACCOUNT_FROZEN",
        "This wallet is frozen while a card dispute is open. Contact support.",
      );
    let left = wallet.balanceCents;
    const rows: (typeof cardRefunds.$inferInsert)[] = [];
    const topUps: TopUpRow[] = await repository.paidTopUpsOf(tx, principal.userId, MAX_TOP_UPS);
    const now = deps.clock.now();
    for (const topUp of topUps) {
      if (left <= 0 || !topUp.providerPaymentId) break;
      const refundable =
        topUp.amountCents - (await deps.ledger.recoveredFor("refund", topUp.providerPaymentId, tx));
      const amountCents = Math.min(left, refundable);
      if (amountCents <= 0) continue;
      rows.push({
        id: randomUUID(),
        userId: principal.userId,
        topUpId: topUp.id,
        requestKey,
        amountCents,
        status: "pending",
        createdAt: now,
        updatedAt: now,
      });
      left -= amountCents;
    }
    if (rows.length === 0)
      throw new DomainError(
        "NOTHING_TO_PAY",
        wallet.balanceCents > 0
          ? "Your balance did not come from a card top-up, so there is nothing to send back to a card."
          : "Your wallet is empty: there is nothing to refund.",
      );
    const inserted = await repository.insertCardRefunds(tx, rows);
    const paymentOf = new Map(topUps.map((topUp) => [topUp.id, topUp.providerPaymentId ?? ""]));
    await deps.ledger.transferMany(
      inserted.map((row) => ({
        idempotencyKey: ledgerKey(row),
        code: "refund" as const,
        legs: [
          {
            from: { kind: "wallet" as const, userId: row.userId },
            to: { kind: "payment_clearing" as const },
            amountCents: row.amountCents,
          },
        ],
        references: {
          topUpId: row.topUpId,
          providerPaymentId: paymentOf.get(row.topUpId) ?? "",
          cardRefundId: row.id,
        },
      })),
      tx,
    );
    return inserted;
  }

  /** Asks the provider for one refund and records its answer (refused: the money goes back). */
  async function send(row: CardRefundRow, paymentId: string) {
    const now = deps.clock.now();
    try {
      const { refundId } = await deps.provider.refundPayment({
        paymentId,
        amountCents: row.amountCents,
        referenceId: row.id,
        idempotencyKey: `card-refund-${row.id}`,
      });
      return repository.settleCardRefund(
        deps.db,
        row.id,
        { status: "succeeded", providerRefundId: refundId },
        now,
      );
    } catch (error) {
      const refused = error instanceof PayoutProviderError && error.kind === "refused";
      deps.logger.warn({ err: error, cardRefundId: row.id, refused }, "card refund not made");
      if (!refused) {
        // Left pending (its attempt counted): the sweep asks again with the same key.
        await repository.settleCardRefund(deps.db, row.id, { status: "pending" }, now);
        return null;
      }
      return deps.db.transaction(async (tx) => {
        const failed = await repository.settleCardRefund(
          tx,
          row.id,
          { status: "failed", failureReason: error.message.slice(0, 500) },
          now,
        );
        if (failed)
          await deps.ledger.transfer(
            {
              idempotencyKey: `${ledgerKey(row)}:returned`,
              code: "refund",
              legs: [
                {
                  from: { kind: "payment_clearing" },
                  to: { kind: "wallet", userId: row.userId },
                  amountCents: row.amountCents,
                },
              ],
              // Naming the payment nets the booking out: what is left of the top-up is whole again.
              references: { cardRefundId: row.id, topUpId: row.topUpId, providerPaymentId: paymentId },
            },
            tx,
          );
        return failed;
      });
    }
  }

  async function paymentIdOf(row: CardRefundRow) {
    const topUp = await repository.findTopUp(deps.db, row.topUpId);
    return topUp?.providerPaymentId ?? null;
  }

  return {
    /** Sends the balance back to the card(s); the same key answers the first request's refunds. */
    async refundBalanceToCard(principal: Principal, requestKey: string) {
      const existing = await repository.cardRefundsOfRequest(deps.db, principal.userId, requestKey);
      const made =
        existing.length > 0 ? [] : await deps.db.transaction((tx) => plan(tx, principal, requestKey));
      for (const row of made) {
        const paymentId = await paymentIdOf(row);
        if (paymentId) await send(row, paymentId);
      }
      const rows = await repository.cardRefundsOfRequest(deps.db, principal.userId, requestKey);
      return {
        refunds: rows.map(toCardRefundDto),
        refundedCents: rows
          .filter((row) => row.status !== "failed")
          .reduce((sum, row) => sum + row.amountCents, 0),
      };
    },

    /** Asks again for every refund still pending (an unanswered call, or a crash before it). */
    async sweepCardRefunds() {
      const before = new Date(deps.clock.now().getTime() - CARD_REFUND_RETRY_AFTER_MS);
      const pending = await repository.pendingCardRefunds(deps.db, before, SWEEP_BATCH);
      for (const row of pending) {
        const paymentId = await paymentIdOf(row);
        if (paymentId) await send(row, paymentId);
      }
      return pending.length;
    },
  };
}
