import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AccountResolver } from "./ledger.accounts.js";
import { clientChargesSince, readerSharesOfDisputed } from "./ledger.disputes.repository.js";
import type { createPosting } from "./ledger.posting.js";
import type { LedgerRepository } from "./ledger.repository.js";
import {
  type AccountRef,
  assertAmount,
  type LedgerAccountKind,
  type Leg,
  type TransferCode,
} from "./ledger.rules.js";

/**
 * Card disputes and card refunds: what the wallet holds, the rest owed (chargeback receivable);
 * the wallet frozen until a dispute is resolved. Refunds of client charges are ledger.refunds.ts.
 */
export function createDisputes(deps: {
  db: Database;
  clock: Clock;
  repository: LedgerRepository;
  accounts: AccountResolver;
  post: ReturnType<typeof createPosting>["post"];
}) {
  const { repository, post } = deps;
  const { userAccountId } = deps.accounts;
  /** What a chargeback took: from the wallet, and booked as owed (null: no such chargeback). */
  async function chargebackParts(chargebackKey: string, db: Executor) {
    const transferId = await repository.findTransferIdByKey(db, chargebackKey);
    if (!transferId) return null;
    const entries = await repository.transferEntries(db, transferId);
    const taken = (kind: LedgerAccountKind) =>
      -entries
        .filter((entry) => entry.kind === kind && entry.amountCents < 0)
        .reduce((sum, entry) => sum + entry.amountCents, 0);
    return { transferId, fromWalletCents: taken("wallet"), owedCents: taken("chargeback_receivable") };
  }

  return {
    /**
     * The card processor took money back (a chargeback or a card refund): take what the wallet
     * holds, book the rest as owed (chargeback receivable), and freeze the wallet if asked.
     */
    async recoverFromWallet(
      input: {
        idempotencyKey: string;
        userId: string;
        amountCents: number;
        code: "chargeback" | "refund";
        references: Record<string, string>;
        freeze: boolean;
      },
      db: Executor,
    ) {
      assertAmount(input.amountCents);
      const walletId = await userAccountId(db, "wallet", input.userId);
      const balance = await repository.lockBalance(db, walletId);
      const fromWallet = Math.min(Math.max(balance, 0), input.amountCents);
      const owed = input.amountCents - fromWallet;
      const to: AccountRef = { kind: "payment_clearing" };
      const legs: Leg[] = [];
      if (fromWallet > 0)
        legs.push({ from: { kind: "wallet", userId: input.userId }, to, amountCents: fromWallet });
      if (owed > 0) legs.push({ from: { kind: "chargeback_receivable" }, to, amountCents: owed });
      const posted = await post(
        db,
        { idempotencyKey: input.idempotencyKey, code: input.code, legs, references: input.references },
        null,
      );
      if (input.freeze && posted.created) await repository.setFrozen(db, walletId, deps.clock.now());
      return { ...posted, fromWalletCents: fromWallet, owedCents: owed };
    },

    chargebackParts,

    /**
     * A dispute the platform won: the processor returns the money, so the chargeback is reversed
     * leg by leg (the wallet's part back to the wallet, the owed part off the receivable), once.
     */
    async reverseChargeback(input: { chargebackKey: string; userId: string }, db: Executor) {
      const parts = await chargebackParts(input.chargebackKey, db);
      if (!parts) throw new DomainError("NOT_FOUND", "No such chargeback.");
      const from: AccountRef = { kind: "payment_clearing" };
      const legs: Leg[] = [];
      if (parts.fromWalletCents > 0)
        legs.push({ from, to: { kind: "wallet", userId: input.userId }, amountCents: parts.fromWalletCents });
      if (parts.owedCents > 0)
        legs.push({ from, to: { kind: "chargeback_receivable" }, amountCents: parts.owedCents });
      if (legs.length > 0)
        await post(
          db,
          {
            idempotencyKey: `${input.chargebackKey}:reversal`,
            code: "chargeback",
            legs,
            references: { reverses: parts.transferId },
          },
          null,
        );
      return parts;
    },

    /**
     * A dispute the platform lost: what the chargeback booked as owed is written off, once. The
     * readers give back their part of the client's charges that the disputed money paid (since
     * `since`, the top-up), from their earnings or, once paid out, through their receivable;
     * the rest is the platform's loss (`dispute_losses`).
     */
    async writeOffChargeback(
      input: { chargebackKey: string; clientUserId: string; since: Date },
      db: Executor,
    ) {
      const parts = await chargebackParts(input.chargebackKey, db);
      if (!parts) throw new DomainError("NOT_FOUND", "No such chargeback.");
      const none = {
        ...parts,
        readers: [] as { userId: string; cents: number; owedCents: number }[],
        lossCents: 0,
      };
      if (parts.owedCents === 0) return none;
      const walletId = await userAccountId(db, "wallet", input.clientUserId);
      const charges = await clientChargesSince(db, walletId, input.since);
      const { byReader, lossCents } = readerSharesOfDisputed(charges, parts.owedCents);
      const to: AccountRef = { kind: "chargeback_receivable" };
      const legs: Leg[] = [];
      const readers: { userId: string; cents: number; owedCents: number }[] = [];
      for (const [userId, cents] of [...byReader].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const earningsId = await deps.accounts.knownUserAccountId(db, "earnings", userId);
        const earnings = earningsId === null ? 0 : Math.max(0, await repository.balanceOf(db, earningsId));
        const fromEarnings = Math.min(cents, earnings);
        const owedCents = cents - fromEarnings;
        if (fromEarnings > 0)
          legs.push({ from: { kind: "earnings", userId }, to, amountCents: fromEarnings });
        if (owedCents > 0) legs.push({ from: { kind: "receivable", userId }, to, amountCents: owedCents });
        readers.push({ userId, cents, owedCents });
      }
      if (lossCents > 0) legs.push({ from: { kind: "dispute_losses" }, to, amountCents: lossCents });
      const posted = await post(
        db,
        {
          idempotencyKey: `${input.chargebackKey}:write-off`,
          code: "chargeback",
          legs,
          references: { writesOff: parts.transferId },
        },
        null,
      );
      if (!posted.created) return { ...none, transferId: posted.transferId };
      return { ...parts, readers, lossCents };
    },

    /** Freezes (no money may leave) or unfreezes a client's wallet. */
    async setWalletFrozen(userId: string, frozen: boolean, db: Executor) {
      const walletId = await userAccountId(db, "wallet", userId);
      await repository.setFrozen(db, walletId, frozen ? deps.clock.now() : null);
    },

    /** A client's wallet balance, its row locked until the caller's transaction ends (0 without a wallet). */
    async lockWallet(userId: string, db: Executor) {
      const id = await deps.accounts.knownUserAccountId(db, "wallet", userId);
      if (id === null) return { balanceCents: 0, frozen: false };
      const balanceCents = await repository.lockBalance(db, id);
      return { balanceCents, frozen: await repository.isFrozen(db, id) };
    },

    recoveredFor: (code: TransferCode, paymentId: string, db: Executor) =>
      repository.recoveredFor(db, code, paymentId),

    async isFrozen(userId: string) {
      const id = await repository.findUserAccountId(deps.db, "wallet", userId);
      return id !== null && (await repository.isFrozen(deps.db, id));
    },
  };
}
