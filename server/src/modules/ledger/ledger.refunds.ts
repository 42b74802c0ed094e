import type { Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AccountResolver } from "./ledger.accounts.js";
import type { createPosting } from "./ledger.posting.js";
import type { LedgerRepository } from "./ledger.repository.js";
import { type AccountRef, assertAmount, type Leg, SPEND_CODES } from "./ledger.rules.js";

/** A charge as refunds see it: who paid, which reader shared in it, and its parts. */
interface ChargeParts {
  /** What refunds of this charge reference (`refundOf`): a transfer id, or `reading:<id>`. */
  chargeRef: string;
  clientUserId: string;
  readerUserId: string | null;
  chargedCents: number;
  /** The reader's part of what was charged (0 without a reader). */
  readerChargedCents: number;
}

/** A refund of part of a captured charge: what it charged, the reader's share of it, how much back. */
interface CapturedChargeRefund {
  idempotencyKey: string;
  clientUserId: string;
  readerUserId: string;
  chargedCents: number;
  readerShareCents: number;
  amountCents: number;
}

/**
 * Refunds of client charges: back to the client's wallet, taken from the reader and the platform
 * in the charge's own proportion (the reader's part floored, the platform's the rest, so the parts
 * add up to the refund exactly). Whatever the reader's earnings no longer hold (paid out) is booked
 * to their receivable, which their next payouts pay back; earnings never go below zero. Refunds of
 * one charge take turns (an advisory lock), so together they never pass what was charged.
 */
export function createRefunds(deps: {
  repository: LedgerRepository;
  accounts: AccountResolver;
  post: ReturnType<typeof createPosting>["post"];
}) {
  const { repository, post } = deps;

  /** A refund already made with this key: its own parts, read back from its entries; nothing moves. */
  async function replay(db: Executor, charge: ChargeParts, idempotencyKey: string) {
    const transferId = await repository.findTransferIdByKey(db, idempotencyKey);
    if (!transferId) return null;
    const entries = await repository.transferEntries(db, transferId);
    const taken = (kind: string) =>
      -entries
        .filter((entry) => entry.kind === kind && entry.amountCents < 0)
        .reduce((sum, entry) => sum + entry.amountCents, 0);
    const owedCents = taken("receivable");
    const readerCents = taken("earnings") + owedCents;
    const platformCents = taken("platform_revenue");
    const refunded = await repository.refundedCents(db, charge.chargeRef);
    return {
      transferId,
      created: false,
      clientUserId: charge.clientUserId,
      readerUserId: charge.readerUserId,
      refundableBeforeCents: charge.chargedCents - refunded + readerCents + platformCents,
      readerCents,
      platformCents,
      owedCents,
    };
  }

  async function refundParts(
    charge: ChargeParts,
    input: { idempotencyKey: string; amountCents: number },
    db: Executor,
  ) {
    assertAmount(input.amountCents);
    const replayed = await replay(db, charge, input.idempotencyKey);
    if (replayed) return replayed;
    const refundable = charge.chargedCents - (await repository.refundedCents(db, charge.chargeRef));
    if (input.amountCents > refundable) {
      throw new DomainError(
        "INVALID_AMOUNT",
        `At most ${refundable} cents of this charge can still be refunded.`,
      );
    }
    const readerCents =
      charge.readerUserId && charge.chargedCents > 0
        ? Number(
            (BigInt(input.amountCents) * BigInt(charge.readerChargedCents)) / BigInt(charge.chargedCents),
          )
        : 0;
    const platformCents = input.amountCents - readerCents;
    const earningsId = charge.readerUserId
      ? await deps.accounts.knownUserAccountId(db, "earnings", charge.readerUserId)
      : null;
    const earnings = earningsId === null ? 0 : Math.max(0, await repository.balanceOf(db, earningsId));
    const fromEarnings = Math.min(readerCents, earnings);
    const owedCents = readerCents - fromEarnings;
    const to: AccountRef = { kind: "wallet", userId: charge.clientUserId };
    const candidates: Leg[] = charge.readerUserId
      ? [
          { from: { kind: "earnings", userId: charge.readerUserId }, to, amountCents: fromEarnings },
          { from: { kind: "receivable", userId: charge.readerUserId }, to, amountCents: owedCents },
        ]
      : [];
    candidates.push({ from: { kind: "platform_revenue" }, to, amountCents: platformCents });
    const posted = await post(
      db,
      {
        idempotencyKey: input.idempotencyKey,
        code: "refund",
        legs: candidates.filter((leg) => leg.amountCents > 0),
        references: { refundOf: charge.chargeRef },
      },
      null,
    );
    return {
      ...posted,
      clientUserId: charge.clientUserId,
      readerUserId: charge.readerUserId,
      refundableBeforeCents: refundable,
      readerCents,
      platformCents,
      owedCents,
    };
  }

  const refunds = {
    /** Refunds all or part of a wallet charge (a paid reply, gift, ticket, tip) by its transfer. */
    async refundCharge(
      input: { idempotencyKey: string; transferId: string; amountCents: number },
      db: Executor,
    ) {
      assertAmount(input.amountCents);
      await repository.lockTransferForRefund(db, input.transferId);
      const entries = await repository.transferEntries(db, input.transferId);
      const payer = entries.find((entry) => entry.kind === "wallet" && entry.amountCents < 0);
      if (!payer?.ownerUserId || !SPEND_CODES.has(payer.code)) {
        throw new DomainError("NOT_FOUND", "No client charge with this reference.");
      }
      // Money put on hold is not charged yet (a reading's or a booking's unit): its reading is
      // refunded as a whole, by what its captures charged.
      if (entries.some((entry) => entry.kind === "holds"))
        throw new DomainError(
          "NOT_FOUND",
          "This is money on hold, not a charge: refund its reading instead.",
        );
      const charged = -entries
        .filter((entry) => entry.kind === "wallet" && entry.amountCents < 0)
        .reduce((sum, entry) => sum + entry.amountCents, 0);
      const reader = entries.find((entry) => entry.kind === "earnings" && entry.amountCents > 0);
      return refundParts(
        {
          chargeRef: input.transferId,
          clientUserId: payer.ownerUserId,
          readerUserId: reader?.ownerUserId ?? null,
          chargedCents: charged,
          readerChargedCents: reader?.ownerUserId ? reader.amountCents : 0,
        },
        input,
        db,
      );
    },

    /**
     * Refunds all or part of a reading, whose charges are captures of its holds (one per unit):
     * the caller (the readings module) names its totals; refunds of it reference `reading:<id>`.
     */
    refundReading(input: CapturedChargeRefund & { readingId: string }, db: Executor) {
      return refundCaptured({ ...input, chargeRef: `reading:${input.readingId}` }, db);
    },

    /**
     * Refunds all or part of what a booking's cancellation captured (a late-cancellation fee, a
     * client's no-show without a reading); refunds of it reference `booking:<id>`.
     */
    refundBooking(input: CapturedChargeRefund & { bookingId: string }, db: Executor) {
      return refundCaptured({ ...input, chargeRef: `booking:${input.bookingId}` }, db);
    },
  };
  return refunds;

  /** A charge made of hold captures, named by the caller's totals; refunds of one take turns. */
  async function refundCaptured(input: CapturedChargeRefund & { chargeRef: string }, db: Executor) {
    const { chargeRef } = input;
    await repository.lockTransferForRefund(db, chargeRef);
    return refundParts(
      {
        chargeRef,
        clientUserId: input.clientUserId,
        readerUserId: input.readerUserId,
        chargedCents: input.chargedCents,
        readerChargedCents: input.readerShareCents,
      },
      input,
      db,
    );
  }
}
