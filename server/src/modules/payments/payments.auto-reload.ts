import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { PaymentProvider, ProviderEvent } from "../../platform/payments/provider.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { AutoReloadRepository, SavedCardRow } from "./payments.auto-reload.repository.js";
import type { PaymentsRepository, TopUpRow } from "./payments.repository.js";

/** How many auto-reloads the floor sweep looks at per run (each may charge a card). */
const FLOOR_SWEEP_PAGE = 200;
const DAY_MS = 86_400_000;
/** An auto-reload still without the processor's answer after this long was cut short: charge it again. */
const UNANSWERED_AFTER_MS = 2 * 60_000;

export interface AutoReloadLimits {
  /** At most one auto-reload per client in this long. */
  minIntervalMs: number;
  /** At most this many per client per UTC day. */
  maxPerDay: number;
}

/** A client in a per-minute reading: reload when their balance is below `thresholdCents` (2 minutes). */
export interface LowBalanceCheck {
  clientUserId: string;
  thresholdCents: number;
}

/**
 * Auto-reload: a client saves a card on the provider's hosted page (a SetupIntent; the sandbox
 * saves a pretend card the same way, through a signed event) and turns auto-reload on. When their
 * balance falls below 2 minutes of the reading they are in (or below their floor outside
 * readings), the saved card is charged off-session, at most once per interval and a few times a
 * day; the wallet is credited only by the provider's signed `payment_intent.succeeded`, as any
 * top-up. A bank that wants 3-D Secure leaves the top-up `requires_action`: the client confirms
 * it from the reading room; a refusal is shown there with the manual top-up.
 */
export function createAutoReload(deps: {
  db: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  ledger: Pick<LedgerService, "walletStates">;
  provider: PaymentProvider;
  publicOrigin: string;
  limits: AutoReloadLimits;
  repository: PaymentsRepository;
  cards: AutoReloadRepository;
  /** The client's standing: only an active account is reloaded (a suspended one may not top up). */
  statusOf: (userId: string, tx: Executor) => Promise<string>;
  /** Sends a signed sandbox event through the webhook path (null with a real provider). */
  deliverSandboxEvent: ((type: string, object: Record<string, unknown>) => Promise<unknown>) | null;
}) {
  const { cards, repository, provider } = deps;
  let floorCursor = "";

  const cardDto = (card: SavedCardRow | null) =>
    card?.paymentMethodId
      ? { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear }
      : null;

  function attemptDto(row: TopUpRow | null) {
    if (!row) return null;
    return {
      topUpId: row.id,
      amountCents: row.amountCents,
      status: row.status,
      failureMessage: row.failureMessage,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** Charges the saved card once for a new auto-reload top-up, and records what the processor said. */
  async function charge(topUp: TopUpRow, card: SavedCardRow & { paymentMethodId: string }) {
    const at = deps.clock.now();
    let answer: Awaited<ReturnType<PaymentProvider["chargeSavedCard"]>>;
    try {
      answer = await provider.chargeSavedCard({
        referenceId: topUp.id,
        customerId: card.customerId,
        paymentMethodId: card.paymentMethodId,
        amountCents: topUp.amountCents,
        idempotencyKey: `auto-reload-${topUp.id}`,
        description: `SoulSeer wallet auto-reload ($${(topUp.amountCents / 100).toFixed(2)})`,
      });
    } catch (error) {
      deps.logger.error({ err: error, topUpId: topUp.id }, "the auto-reload charge failed");
      answer = {
        status: "failed",
        paymentId: null,
        message: "The card processor did not answer. Try again.",
      };
    }
    if (answer.status === "failed") {
      await cards.recordCharge(deps.db, topUp.id, {
        status: "failed",
        paymentId: answer.paymentId,
        message: answer.message,
        at,
      });
      return "failed";
    }
    await cards.recordCharge(deps.db, topUp.id, {
      status: answer.status === "requires_action" ? "requires_action" : "pending",
      paymentId: answer.paymentId,
      at,
    });
    if (answer.status === "succeeded" && deps.deliverSandboxEvent)
      await deps.deliverSandboxEvent("payment_intent.succeeded", {
        id: answer.paymentId,
        object: "payment_intent",
        amount: topUp.amountCents,
        amount_received: topUp.amountCents,
        currency: "usd",
        status: "succeeded",
        metadata: { topUpId: topUp.id },
      });
    return answer.status;
  }

  /**
   * One auto-reload for a client whose balance is low, if their settings and the limits allow it
   * now: the top-up row is made (under the settings row's lock, so nodes and ticks racing for the
   * same client make one), then the card is charged. Answers what happened.
   */
  async function reload(userId: string, trigger: "reading" | "floor") {
    const now = deps.clock.now();
    const made = await deps.db.transaction(async (tx) => {
      const settings = await cards.lockSettings(tx, userId);
      const card = await cards.findCard(tx, userId);
      if (!settings?.enabled || !card?.paymentMethodId) return { outcome: "off" as const };
      if ((await deps.statusOf(userId, tx)) !== "active") return { outcome: "account_not_active" as const };
      const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
      const since = await cards.autoReloadsSince(tx, userId, today);
      if (since.count >= deps.limits.maxPerDay) return { outcome: "daily_limit" as const };
      const recent = await cards.autoReloadsSince(
        tx,
        userId,
        // Exactly the interval after the last one is allowed again.
        new Date(now.getTime() - deps.limits.minIntervalMs + 1),
      );
      if (recent.count > 0) return { outcome: "too_soon" as const };
      const topUp = await repository.insertTopUp(tx, {
        userId,
        amountCents: settings.amountCents,
        provider: provider.name,
        kind: "auto_reload",
        createdAt: now,
      });
      return { outcome: "charge" as const, topUp, card: { ...card, paymentMethodId: card.paymentMethodId } };
    });
    if (made.outcome !== "charge") return made.outcome;
    deps.logger.info({ topUpId: made.topUp.id, userId, trigger }, "auto-reload");
    return charge(made.topUp, made.card);
  }

  /** Reloads each client (with auto-reload on) whose wallet is below their threshold; one at a time. */
  async function reloadBelow(thresholds: Map<string, number>) {
    if (thresholds.size === 0) return [];
    const enabled = await cards.enabledAmong(deps.db, [...thresholds.keys()]);
    if (enabled.length === 0) return [];
    const wallets = await deps.ledger.walletStates(enabled.map((row) => row.userId));
    const outcomes: { userId: string; outcome: string }[] = [];
    for (const { userId } of enabled) {
      const wallet = wallets.get(userId);
      const threshold = thresholds.get(userId) ?? 0;
      // A frozen wallet (an open dispute) is never reloaded from the card.
      if (wallet?.frozenAt || (wallet?.balanceCents ?? 0) >= threshold) continue;
      outcomes.push({ userId, outcome: await reload(userId, "reading") });
    }
    return outcomes;
  }

  return {
    /** The client's saved card, auto-reload settings, limits and latest auto-reload. */
    async settingsOf(principal: Principal) {
      const [card, settings, last] = await Promise.all([
        cards.findCard(deps.db, principal.userId),
        cards.findSettings(deps.db, principal.userId),
        cards.lastAutoReload(deps.db, principal.userId),
      ]);
      return {
        card: cardDto(card),
        savingCard: Boolean(card?.setupCheckoutId),
        enabled: settings?.enabled ?? false,
        amountCents: settings?.amountCents ?? 2_500,
        floorCents: settings?.floorCents ?? null,
        minIntervalMinutes: Math.round(deps.limits.minIntervalMs / 60_000),
        maxPerDay: deps.limits.maxPerDay,
        last: attemptDto(last),
      };
    },

    /** Opens the provider's page where the client saves a card (replacing any saved before). */
    async startCardSetup(principal: Principal) {
      const existing = await cards.findCard(deps.db, principal.userId);
      const setup = await provider.createSetupCheckout({
        referenceId: principal.userId,
        userId: principal.userId,
        customerId: existing?.provider === provider.name ? existing.customerId : null,
        customerEmail: principal.email,
        successUrl: `${deps.publicOrigin}/wallet?card=saved`,
        cancelUrl: `${deps.publicOrigin}/wallet?card=cancelled`,
      });
      await cards.startSetup(deps.db, {
        userId: principal.userId,
        provider: provider.name,
        customerId: setup.customerId,
        setupCheckoutId: setup.checkoutId,
        at: deps.clock.now(),
      });
      return { url: setup.url };
    },

    /** The provider's event for a completed setup: the card is saved (replacing the previous one). */
    async onSetupCompleted(tx: Executor, event: ProviderEvent, providerName: string) {
      const object = event.data.object as { id?: string; setup_intent?: string | { id: string } | null };
      const setupIntent =
        typeof object.setup_intent === "string" ? object.setup_intent : object.setup_intent?.id;
      const row = object.id ? await cards.lockCardBySetup(tx, providerName, object.id) : null;
      if (!row || !setupIntent) return { outcome: "unknown_setup" };
      const card = await provider.savedCardOf(setupIntent);
      await cards.saveCard(tx, row.userId, { ...card, at: deps.clock.now() });
      const replaced =
        row.paymentMethodId && row.paymentMethodId !== card.paymentMethodId ? row.paymentMethodId : null;
      return {
        outcome: "card_saved",
        afterCommit: replaced ? () => provider.forgetCard(replaced) : undefined,
      };
    },

    /** Forgets the saved card (at the provider too) and turns auto-reload off. */
    async removeCard(principal: Principal) {
      const removed = await deps.db.transaction(async (tx) => {
        await cards.disable(tx, principal.userId, deps.clock.now());
        return cards.deleteCard(tx, principal.userId);
      });
      if (removed?.paymentMethodId)
        await provider
          .forgetCard(removed.paymentMethodId)
          .catch((error: unknown) => deps.logger.warn({ err: error }, "detaching a removed card failed"));
    },

    /** Turns auto-reload on or off, with its amount ($5–$500) and optional floor outside readings. */
    async update(
      principal: Principal,
      input: { enabled: boolean; amountCents: number; floorCents: number | null },
    ) {
      const card = await cards.findCard(deps.db, principal.userId);
      if (input.enabled && !card?.paymentMethodId)
        throw new DomainError("NO_SAVED_CARD", "Save a card first: auto-reload charges your saved card.");
      await cards.saveSettings(deps.db, {
        userId: principal.userId,
        enabled: input.enabled,
        amountCents: input.amountCents,
        floorCents: input.floorCents,
        updatedAt: deps.clock.now(),
      });
    },

    /** Where the client confirms an auto-reload their bank held for 3-D Secure (null: nothing to confirm). */
    async authenticate(principal: Principal, topUpId: string) {
      const topUp = await repository.findTopUp(deps.db, topUpId);
      if (!topUp || topUp.userId !== principal.userId || topUp.kind !== "auto_reload")
        throw new DomainError("NOT_FOUND", "No such auto-reload.");
      const card = await cards.findCard(deps.db, principal.userId);
      if (topUp.status !== "requires_action" || !topUp.providerPaymentId || !card?.paymentMethodId)
        return { url: null };
      const url = await provider.authenticationUrl({
        referenceId: topUp.id,
        paymentId: topUp.providerPaymentId,
        paymentMethodId: card.paymentMethodId,
        returnUrl: `${deps.publicOrigin}/wallet/top-ups/${topUp.id}`,
      });
      return { url };
    },

    /**
     * After a billing batch: clients whose wallet is below 2 minutes of their reading's rate are
     * reloaded. Most clients have auto-reload off: one query finds the few that have it on.
     */
    async reloadIfLow(checks: readonly LowBalanceCheck[]) {
      const thresholds = new Map<string, number>();
      for (const check of checks)
        thresholds.set(
          check.clientUserId,
          Math.max(thresholds.get(check.clientUserId) ?? 0, check.thresholdCents),
        );
      return reloadBelow(thresholds);
    },

    /**
     * The timer's sweep, first part: an auto-reload whose charge never got an answer (the node
     * stopped between making it and charging) is charged again with its own key, so the
     * processor answers the first payment if there was one, and makes it once otherwise.
     */
    async resumeUnanswered() {
      const stale = await cards.stalePending(
        deps.db,
        new Date(deps.clock.now().getTime() - UNANSWERED_AFTER_MS),
        50,
      );
      const outcomes: { topUpId: string; outcome: string }[] = [];
      for (const topUp of stale) {
        const card = await cards.findCard(deps.db, topUp.userId);
        if (!card?.paymentMethodId) {
          await cards.recordCharge(deps.db, topUp.id, {
            status: "failed",
            paymentId: null,
            message: "The saved card was removed before it was charged.",
            at: deps.clock.now(),
          });
          outcomes.push({ topUpId: topUp.id, outcome: "failed" });
          continue;
        }
        outcomes.push({
          topUpId: topUp.id,
          outcome: await charge(topUp, { ...card, paymentMethodId: card.paymentMethodId }),
        });
      }
      return outcomes;
    },

    /** The timer's sweep: clients with a floor whose balance is below it, outside readings too. */
    async sweepFloors() {
      // A page at a time, from where the last sweep stopped, so every client's turn comes.
      let rows = await cards.withFloor(deps.db, floorCursor, FLOOR_SWEEP_PAGE);
      if (rows.length === 0 && floorCursor !== "")
        rows = await cards.withFloor(deps.db, "", FLOOR_SWEEP_PAGE);
      floorCursor = rows.length === FLOOR_SWEEP_PAGE ? (rows.at(-1)?.userId ?? "") : "";
      const wallets = await deps.ledger.walletStates(rows.map((row) => row.userId));
      const outcomes: { userId: string; outcome: string }[] = [];
      for (const row of rows) {
        const wallet = wallets.get(row.userId);
        if (wallet?.frozenAt || (wallet?.balanceCents ?? 0) >= (row.floorCents ?? 0)) continue;
        outcomes.push({ userId: row.userId, outcome: await reload(row.userId, "floor") });
      }
      return outcomes;
    },
  };
}

export type AutoReload = ReturnType<typeof createAutoReload>;
