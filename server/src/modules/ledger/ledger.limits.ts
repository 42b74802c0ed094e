import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import { createLimitsRepository } from "./ledger.limits.repository.js";
import type { LedgerRepository } from "./ledger.repository.js";
import { assertAmount, LIMIT_RAISE_DELAY_MS, SPENDING_PERIODS, type SpendingPeriod } from "./ledger.rules.js";

/**
 * Client spending limits (daily, weekly, monthly): lowering applies at once, raising or removing
 * after 24 hours. The ledger's posting function enforces them on every spend.
 */
export function createLimits(deps: { db: Database; clock: Clock; repository: LedgerRepository }) {
  const limitsRepository = createLimitsRepository();
  const { repository } = deps;
  const limits = {
    /** Spending limits as they apply now (a raise waits 24 h; a lowering applies at once). */
    async spendingLimits(userId: string) {
      const now = deps.clock.now();
      const rows = await limitsRepository.spendingLimits(deps.db, userId);
      return SPENDING_PERIODS.map((period) => {
        const row = rows.find((candidate) => candidate.period === period);
        const pendingApplies = row?.pendingEffectiveAt && row.pendingEffectiveAt <= now;
        return {
          period,
          limitCents: (pendingApplies ? row?.pendingLimitCents : row?.limitCents) ?? null,
          pendingLimitCents:
            row?.pendingEffectiveAt && !pendingApplies ? (row.pendingLimitCents ?? null) : null,
          pendingEffectiveAt:
            row?.pendingEffectiveAt && !pendingApplies ? row.pendingEffectiveAt.toISOString() : null,
          pendingRemoval: Boolean(
            row?.pendingEffectiveAt && !pendingApplies && row.pendingLimitCents === null,
          ),
        };
      });
    },

    /**
     * How much more the client may spend now before a spending limit refuses it (the smallest room
     * left in any window); null when no limit applies.
     */
    async spendingRoom(userId: string) {
      const applying = (await limits.spendingLimits(userId)).filter((limit) => limit.limitCents !== null);
      if (applying.length === 0) return null;
      const accountId = await repository.findUserAccountId(deps.db, "wallet", userId);
      const spent =
        accountId === null
          ? { daily: 0, weekly: 0, monthly: 0 }
          : await limitsRepository.spentInWindows(deps.db, accountId, deps.clock.now());
      return Math.max(0, Math.min(...applying.map((limit) => (limit.limitCents ?? 0) - spent[limit.period])));
    },

    async setSpendingLimit(userId: string, period: SpendingPeriod, limitCents: number | null) {
      if (limitCents !== null) assertAmount(limitCents, "limit");
      const now = deps.clock.now();
      const current =
        (await limits.spendingLimits(userId)).find((limit) => limit.period === period)?.limitCents ?? null;
      const lowering = limitCents !== null && (current === null || limitCents <= current);
      await limitsRepository.upsertSpendingLimit(deps.db, {
        userId,
        period,
        limitCents: lowering ? limitCents : current,
        pendingLimitCents: lowering ? null : limitCents,
        pendingEffectiveAt: lowering ? null : new Date(now.getTime() + LIMIT_RAISE_DELAY_MS),
        updatedAt: now,
      });
      return limits.spendingLimits(userId);
    },
  };
  return limits;
}
