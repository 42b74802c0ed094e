import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { PayoutProvider } from "../../platform/payments/payouts-provider.js";
import { PayoutProviderError } from "../../platform/payments/payouts-provider.js";
import type { ProviderEvent } from "../../platform/payments/provider.js";
import type { PayoutAccountRow, PayoutsRepository } from "./payouts.repository.js";
import { THRESHOLD_MAX_CENTS } from "./payouts.state.js";

export type PayoutAccountStatus = "none" | "onboarding" | "ready";

export const accountStatusOf = (row: PayoutAccountRow | null): PayoutAccountStatus =>
  row === null ? "none" : row.readyAt ? "ready" : "onboarding";

/** The provider's account object as its `account.updated` event carries it. */
type AccountObject = { id?: string; payouts_enabled?: boolean; details_submitted?: boolean };

/**
 * A reader's connected payout account: onboarding through the provider's hosted pages (Stripe
 * Connect Express, or the sandbox page), readiness from the provider's signed `account.updated`
 * events, and the reader's own payout threshold.
 */
export function createPayoutAccounts(deps: {
  db: Database;
  repository: PayoutsRepository;
  provider: PayoutProvider;
  clock: Clock;
  publicOrigin: string;
  minimumCents: number;
  /** Signs and delivers a sandbox event through the webhook path (null with Stripe). */
  deliverSandboxEvent: ((type: string, object: Record<string, unknown>) => Promise<unknown>) | null;
}) {
  const { repository } = deps;

  async function ownSandboxAccount(principal: Principal, accountId: string) {
    const row = await repository.findAccount(deps.db, principal.userId);
    if (
      !deps.deliverSandboxEvent ||
      !row ||
      row.provider !== "sandbox" ||
      row.providerAccountId !== accountId
    )
      throw new DomainError("NOT_FOUND", "No such sandbox account.");
    return row;
  }

  return {
    /**
     * Starts (or resumes) onboarding: makes the provider account once, then a fresh one-time
     * onboarding link; a reader whose account is ready gets a link to update their details.
     */
    async startOnboarding(principal: Principal) {
      let row = await repository.findAccount(deps.db, principal.userId);
      try {
        if (!row) {
          const { accountId } = await deps.provider.createAccount({
            readerUserId: principal.userId,
            email: principal.email,
          });
          await repository.insertAccount(deps.db, {
            readerUserId: principal.userId,
            provider: deps.provider.name,
            providerAccountId: accountId,
            now: deps.clock.now(),
          });
          row = await repository.findAccount(deps.db, principal.userId);
        }
        if (!row) throw new Error("payout account not found after insert");
        const link = await deps.provider.createAccountLink({
          accountId: row.providerAccountId,
          refreshUrl: `${deps.publicOrigin}/reader/payouts?onboarding=refresh`,
          returnUrl: `${deps.publicOrigin}/reader/payouts?onboarding=done`,
        });
        return { url: link.url, status: accountStatusOf(row) };
      } catch (error) {
        if (error instanceof PayoutProviderError)
          throw new DomainError(
            "SERVICE_UNAVAILABLE",
            "The payout provider is not answering. Try again in a minute.",
          );
        throw error;
      }
    },

    async setThreshold(principal: Principal, thresholdCents: number | null) {
      if (
        thresholdCents !== null &&
        (!Number.isSafeInteger(thresholdCents) ||
          thresholdCents < deps.minimumCents ||
          thresholdCents > THRESHOLD_MAX_CENTS)
      ) {
        throw new DomainError(
          "INVALID_AMOUNT",
          `A payout threshold is between $${(deps.minimumCents / 100).toFixed(2)} and $${(THRESHOLD_MAX_CENTS / 100).toFixed(2)}, in whole cents.`,
        );
      }
      const updated = await repository.setThreshold(
        deps.db,
        principal.userId,
        thresholdCents,
        deps.clock.now(),
      );
      if (!updated) throw new DomainError("NOT_FOUND", "Connect a payout account first.");
    },

    /** The provider's `account.updated`: ready once payouts are enabled and details are in. */
    async applyAccountUpdated(tx: Executor, event: ProviderEvent, provider: string) {
      const object = event.data.object as AccountObject;
      if (!object.id) return "unknown_account";
      const row = await repository.findAccountByProviderId(tx, provider, object.id);
      if (!row) return "unknown_account";
      const ready = object.payouts_enabled === true && object.details_submitted === true;
      await repository.setReady(
        tx,
        row.readerUserId,
        ready ? (row.readyAt ?? deps.clock.now()) : null,
        deps.clock.now(),
      );
      return ready ? "payout_account_ready" : "payout_account_restricted";
    },

    async getSandboxAccount(principal: Principal, accountId: string) {
      const row = await ownSandboxAccount(principal, accountId);
      return { accountId: row.providerAccountId, status: accountStatusOf(row) };
    },

    /** The sandbox onboarding page's "Finish": a signed `account.updated` through the webhook path. */
    async completeSandboxOnboarding(principal: Principal, accountId: string) {
      const row = await ownSandboxAccount(principal, accountId);
      await deps.deliverSandboxEvent?.("account.updated", {
        id: row.providerAccountId,
        object: "account",
        type: "express",
        details_submitted: true,
        payouts_enabled: true,
        charges_enabled: true,
      });
      const after = await repository.findAccount(deps.db, principal.userId);
      return { accountId, status: accountStatusOf(after) };
    },
  };
}

export type PayoutAccounts = ReturnType<typeof createPayoutAccounts>;
