import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import type { AuditService } from "../audit/audit.service.js";
import type { SpendingPeriod, TransferCode } from "../ledger/ledger.rules.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import {
  type PaymentsService,
  TOP_UP_MAX_CENTS,
  TOP_UP_MIN_CENTS,
  TOP_UP_PRESETS_CENTS,
} from "../payments/payments.service.js";
import type { UsersService } from "../users/users.service.js";

export type WalletsService = ReturnType<typeof createWalletsService>;

/**
 * Wallets: a client's balance, history and spending limits; and the admin money actions, each of
 * which moves money through the ledger and writes its audit entry in one transaction.
 */
export function createWalletsService(deps: {
  db: Database;
  ledger: LedgerService;
  payments: PaymentsService;
  audit: AuditService;
  users: Pick<UsersService, "getUser">;
  clock: Clock;
}) {
  /** The result of this node's latest ledger check (null until one has run). */
  let lastCheck: { ok: boolean; violations: number; at: Date } | null = null;
  return {
    /** For metrics: the latest ledger check on this node. */
    lastCheck: () => lastCheck,

    async summary(principal: Principal) {
      const [balanceCents, frozen] = await Promise.all([
        deps.ledger.balance(principal.userId),
        deps.ledger.isFrozen(principal.userId),
      ]);
      return {
        balanceCents,
        frozen,
        currency: "usd" as const,
        topUpPresetsCents: [...TOP_UP_PRESETS_CENTS],
        minTopUpCents: TOP_UP_MIN_CENTS,
        maxTopUpCents: TOP_UP_MAX_CENTS,
      };
    },

    history: (principal: Principal, query: { cursor?: string; limit?: number; kind?: TransferCode }) =>
      deps.ledger.history(principal.userId, { cursor: query.cursor, limit: query.limit, code: query.kind }),

    async adjust(
      actor: Principal,
      userId: string,
      input: { direction: "credit" | "debit"; amountCents: number; reason: string; idempotencyKey: string },
      requestId: string,
    ) {
      await deps.users.getUser(userId);
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
            actor,
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
            actor,
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
      const user = await deps.users.getUser(userId);
      return {
        user,
        walletBalanceCents: await deps.ledger.balance(userId, "wallet"),
        walletFrozen: await deps.ledger.isFrozen(userId),
        earningsBalanceCents: await deps.ledger.balance(userId, "earnings"),
        history: await deps.ledger.history(userId, query),
      };
    },

    async verify() {
      const ledgerReport = await deps.ledger.verify();
      const topUps = await deps.payments.verify();
      const violations = [...ledgerReport.violations, ...topUps];
      lastCheck = { ok: violations.length === 0, violations: violations.length, at: deps.clock.now() };
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
