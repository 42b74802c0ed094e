import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { AuditService } from "../audit/audit.service.js";
import type { TransferInput } from "../ledger/ledger.rules.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { NewPayout, PayoutRow, PayoutsRepository } from "./payouts.repository.js";
import { nextPayoutStatus, type PayoutStatus, payoutLedgerKey } from "./payouts.state.js";
import type { TransferOutcome } from "./payouts.transfers.js";

/** Who made a payout, for its audit entry (null: the daily run). */
export type PayoutActor = { userId: string; email: string } | null;

export interface PayoutIntent {
  readerUserId: string;
  idempotencyKey: string;
  trigger: NewPayout["trigger"];
  amountCents: number;
  /** What the reader owes (refunds of earnings already paid out), paid back from earnings first. */
  settleCents: number;
  provider: "stripe" | "sandbox";
  providerAccountId: string;
}

export interface SettledPayout {
  payout: PayoutRow;
  status: PayoutStatus;
  reason: string | null;
}

const makeLegs = (payout: { id: string; readerUserId: string; amountCents: number }): TransferInput => ({
  idempotencyKey: payoutLedgerKey.made(payout.id),
  code: "payout",
  legs: [
    {
      from: { kind: "earnings", userId: payout.readerUserId },
      to: { kind: "payouts_in_transit" },
      amountCents: payout.amountCents,
    },
  ],
  references: { payoutId: payout.id },
});

/** Earnings paying back what the reader owes, in the transaction that makes their payout. */
const settleLegs = (payout: { id: string; readerUserId: string }, cents: number): TransferInput => ({
  idempotencyKey: `receivable:${payout.id}`,
  code: "receivable",
  legs: [
    {
      from: { kind: "earnings", userId: payout.readerUserId },
      to: { kind: "receivable", userId: payout.readerUserId },
      amountCents: cents,
    },
  ],
  references: { payoutId: payout.id },
});

/**
 * The transactional steps of a payout; each commits its rows, its ledger transfers and its audit
 * entries together, so a crash between two steps leaves a state the reconciler can finish.
 */
export function createPayoutSteps(deps: {
  db: Database;
  ledger: LedgerService;
  audit: Pick<AuditService, "recordMany">;
  repository: PayoutsRepository;
  clock: Clock;
  logger: FastifyBaseLogger;
}) {
  const { repository } = deps;

  async function makeIn(
    tx: Executor,
    intents: readonly PayoutIntent[],
    actor: PayoutActor,
    reason: string | null,
  ) {
    const now = deps.clock.now();
    const inserted = await repository.insertPayouts(
      tx,
      intents.map(({ settleCents: _settle, ...intent }) => ({ ...intent, id: randomUUID() })),
      now,
    );
    const settleOf = new Map(intents.map((intent) => [intent.idempotencyKey, intent.settleCents]));
    const settlements = inserted.flatMap((payout) => {
      const cents = settleOf.get(payout.idempotencyKey) ?? 0;
      return cents > 0 ? [settleLegs(payout, cents)] : [];
    });
    await deps.ledger.transferMany([...settlements, ...inserted.map(makeLegs)], tx);
    await deps.audit.recordMany(
      tx,
      inserted.map((payout) => ({
        actor,
        action: "payout.created",
        objectType: "payout",
        objectId: payout.id,
        details: {
          readerUserId: payout.readerUserId,
          amountCents: payout.amountCents,
          trigger: payout.trigger,
          ...(reason ? { reason } : {}),
        },
        requestId: null,
      })),
    );
    return inserted;
  }

  return {
    /**
     * Makes the payouts whose key is new: each row, its earnings → in transit transfer and its
     * audit entry in one transaction. When the batch is refused (one reader's earnings changed
     * since they were read), each payout is tried on its own, and the refused ones are skipped.
     */
    async make(intents: readonly PayoutIntent[], actor: PayoutActor, reason: string | null = null) {
      if (intents.length === 0) return [];
      try {
        return await deps.db.transaction((tx) => makeIn(tx, intents, actor, reason));
      } catch (error) {
        if (intents.length === 1) throw error;
        deps.logger.warn(
          { err: error, count: intents.length },
          "a payout batch was refused; trying each on its own",
        );
        const made: PayoutRow[] = [];
        for (const intent of intents) {
          try {
            made.push(...(await deps.db.transaction((tx) => makeIn(tx, [intent], actor, reason))));
          } catch (single) {
            deps.logger.warn({ err: single, readerUserId: intent.readerUserId }, "payout not made");
          }
        }
        return made;
      }
    },

    /**
     * Records the provider's answers: confirmed payouts leave the books (in transit → paid out),
     * refused ones go back to earnings with the reason. Unfinished ones stay in transit.
     */
    async settle(payoutsById: ReadonlyMap<string, PayoutRow>, outcomes: readonly TransferOutcome[]) {
      const now = deps.clock.now();
      const confirmed = outcomes.flatMap((outcome) =>
        outcome.kind === "confirmed"
          ? [{ id: outcome.payoutId, providerTransferId: outcome.transferId }]
          : [],
      );
      const refused = outcomes.flatMap((outcome) =>
        outcome.kind === "refused" ? [{ id: outcome.payoutId, failureReason: outcome.reason }] : [],
      );
      const unfinished = outcomes.flatMap((outcome) =>
        outcome.kind === "unfinished" ? [outcome.payoutId] : [],
      );
      const settled: SettledPayout[] = [];
      await deps.db.transaction(async (tx) => {
        await repository.countAttempt(
          tx,
          outcomes.map((outcome) => outcome.payoutId),
          now,
        );
        const paid = await repository.transition(tx, confirmed, "in_transit", "paid", now);
        const failed = await repository.transition(tx, refused, "in_transit", "failed", now);
        const transfers: TransferInput[] = [];
        for (const change of paid) {
          const payout = payoutsById.get(change.id);
          if (!payout) throw new Error(`payout ${change.id} settled without its row`);
          transfers.push(leave(payout, "payouts_in_transit", payoutLedgerKey.confirmed(payout.id)));
          settled.push({ payout, status: "paid", reason: null });
        }
        for (const change of failed) {
          const payout = payoutsById.get(change.id);
          if (!payout) throw new Error(`payout ${change.id} settled without its row`);
          transfers.push(giveBack(payout, "payouts_in_transit"));
          settled.push({ payout, status: "failed", reason: change.failureReason ?? null });
        }
        await deps.ledger.transferMany(transfers, tx);
      });
      return { settled, unfinished };
    },

    /** A paid or in-transit payout the provider reversed: the money goes back to earnings. */
    async reverse(tx: Executor, payout: PayoutRow, reason: string) {
      const now = deps.clock.now();
      const to = nextPayoutStatus(payout.status, "reversed");
      if (to === null) return null;
      const from = payout.status === "paid" ? "paid_out" : "payouts_in_transit";
      const moved = await repository.transition(
        tx,
        [{ id: payout.id, failureReason: reason }],
        payout.status,
        to,
        now,
      );
      if (moved.length === 0) return null;
      await deps.ledger.transferMany([giveBack(payout, from)], tx);
      await deps.audit.recordMany(tx, [
        {
          actor: null,
          action: `payout.${to}`,
          objectType: "payout",
          objectId: payout.id,
          details: { readerUserId: payout.readerUserId, amountCents: payout.amountCents, reason },
          requestId: null,
        },
      ]);
      return { payout, status: to, reason } satisfies SettledPayout;
    },
  };
}

function leave(payout: PayoutRow, from: "payouts_in_transit", key: string): TransferInput {
  return {
    idempotencyKey: key,
    code: "payout",
    legs: [{ from: { kind: from }, to: { kind: "paid_out" }, amountCents: payout.amountCents }],
    references: { payoutId: payout.id },
  };
}

function giveBack(payout: PayoutRow, from: "payouts_in_transit" | "paid_out"): TransferInput {
  return {
    idempotencyKey: payoutLedgerKey.returned(payout.id),
    code: "payout",
    legs: [
      {
        from: { kind: from },
        to: { kind: "earnings", userId: payout.readerUserId },
        amountCents: payout.amountCents,
      },
    ],
    references: { payoutId: payout.id },
  };
}

export type PayoutSteps = ReturnType<typeof createPayoutSteps>;
