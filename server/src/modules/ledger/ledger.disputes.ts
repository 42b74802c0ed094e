import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { AccountResolver } from "./ledger.accounts.js";
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

    /**
     * A dispute the platform won: the processor returns the money, so the chargeback is
     * reversed leg by leg (wallet part back to the wallet, owed part off the receivable)
     * and the wallet is unfrozen. A lost dispute unfreezes the wallet only if nothing is owed.
     */
    async resolveChargeback(input: { chargebackKey: string; userId: string; won: boolean }, db: Executor) {
      const transferId = await repository.findTransferIdByKey(db, input.chargebackKey);
      if (!transferId) return { resolved: false };
      const entries = await repository.transferEntries(db, transferId);
      const taken = (kind: LedgerAccountKind) =>
        -entries
          .filter((entry) => entry.kind === kind && entry.amountCents < 0)
          .reduce((sum, entry) => sum + entry.amountCents, 0);
      const fromWallet = taken("wallet");
      const owed = taken("chargeback_receivable");
      const walletId = await userAccountId(db, "wallet", input.userId);
      if (input.won) {
        const from: AccountRef = { kind: "payment_clearing" };
        const legs: Leg[] = [];
        if (fromWallet > 0)
          legs.push({ from, to: { kind: "wallet", userId: input.userId }, amountCents: fromWallet });
        if (owed > 0) legs.push({ from, to: { kind: "chargeback_receivable" }, amountCents: owed });
        if (legs.length > 0) {
          await post(
            db,
            {
              idempotencyKey: `${input.chargebackKey}:reversal`,
              code: "chargeback",
              legs,
              references: { reverses: transferId },
            },
            null,
          );
        }
      }
      if (input.won || owed === 0) await repository.setFrozen(db, walletId, null);
      return { resolved: true, stillFrozen: !input.won && owed > 0 };
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
