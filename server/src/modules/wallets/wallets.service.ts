import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService, SpendingPeriod } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";

export type WalletsService = ReturnType<typeof createWalletsService>;

/** Admin money actions: each moves money through the ledger and writes its audit entry in one transaction. */
export function createWalletsService(deps: {
  db: Database;
  ledger: LedgerService;
  payments: PaymentsService;
  audit: AuditService;
  accounts: AccountsService;
  clock: Clock;
}) {
  return {
    async adjust(
      actor: Principal,
      userId: string,
      input: { direction: "credit" | "debit"; amountCents: number; reason: string; idempotencyKey: string },
      requestId: string,
    ) {
      await deps.accounts.getUser(userId);
      const wallet = { kind: "wallet", userId } as const;
      const promotions = { kind: "promotions" } as const;
      return deps.db.transaction(async (tx) => {
        const posted = await deps.ledger.transfer(
          {
            idempotencyKey: `adjustment:${input.idempotencyKey}`,
            code: "adjustment",
            legs: [
              input.direction === "credit"
                ? { from: promotions, to: wallet, amountCents: input.amountCents }
                : { from: wallet, to: promotions, amountCents: input.amountCents },
            ],
            references: { adjustedBy: actor.userId },
          },
          tx,
        );
        if (posted.created) {
          await deps.audit.record(tx, {
            actorUserId: actor.userId,
            action: `wallet.${input.direction}`,
            objectType: "user",
            objectId: userId,
            details: {
              amountCents: input.amountCents,
              reason: input.reason.trim(),
              transferId: posted.transferId,
            },
            requestId,
          });
        }
        return posted;
      });
    },

    async refund(
      actor: Principal,
      input: { transferId: string; amountCents: number; reason: string; idempotencyKey: string },
      requestId: string,
    ) {
      return deps.db.transaction(async (tx) => {
        const refunded = await deps.ledger.refundCharge(
          {
            idempotencyKey: `refund:${input.idempotencyKey}`,
            transferId: input.transferId,
            amountCents: input.amountCents,
          },
          tx,
        );
        if (refunded.created) {
          await deps.audit.record(tx, {
            actorUserId: actor.userId,
            action: "charge.refunded",
            objectType: "ledger_transfer",
            objectId: input.transferId,
            details: {
              amountCents: input.amountCents,
              reason: input.reason.trim(),
              refundTransferId: refunded.transferId,
              clientUserId: refunded.clientUserId,
            },
            requestId,
          });
        }
        return refunded;
      });
    },

    async lookup(userId: string, query: { cursor?: string; limit?: number }) {
      const user = await deps.accounts.getUser(userId);
      return {
        user,
        walletBalanceCents: await deps.ledger.balance(userId, "wallet"),
        earningsBalanceCents: await deps.ledger.balance(userId, "earnings"),
        history: await deps.ledger.history(userId, query),
      };
    },

    async verify() {
      const ledgerReport = await deps.ledger.verify();
      const topUps = await deps.payments.verify();
      const violations = [...ledgerReport.violations, ...topUps];
      return {
        checkedAt: deps.clock.now().toISOString(),
        ok: violations.length === 0,
        checks: [...ledgerReport.checks, "top_ups_match_provider_events"],
        violations,
        accounts: ledgerReport.accounts,
        transfers: ledgerReport.transfers,
        entries: ledgerReport.entries,
      };
    },

    spendingLimits: (principal: Principal) => deps.ledger.spendingLimits(principal.userId),
    setSpendingLimit: (principal: Principal, period: SpendingPeriod, limitCents: number | null) =>
      deps.ledger.setSpendingLimit(principal.userId, period, limitCents),
  };
}
