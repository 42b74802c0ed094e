import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type {
  PaymentProvider,
  ProviderEvent,
  SandboxCard,
  SandboxProvider,
} from "../../platform/payments/provider.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { UsersService } from "../users/users.service.js";
import { type AutoReloadLimits, createAutoReload } from "./payments.auto-reload.js";
import { createAutoReloadRepository } from "./payments.auto-reload.repository.js";
import { createCardRefunds } from "./payments.card-refunds.js";
import { createPaymentsRepository, type TopUpRow } from "./payments.repository.js";

export const TOP_UP_MIN_CENTS = 500;
export const TOP_UP_MAX_CENTS = 50_000;
export const TOP_UP_PRESETS_CENTS = [1_000, 2_500, 5_000, 10_000] as const;

export type PaymentsService = ReturnType<typeof createPaymentsService>;

/** Applies one verified provider event in its transaction; answers the outcome recorded with it. */
export type ProviderEventHandler = (
  tx: Executor,
  event: ProviderEvent,
  provider: string,
) => Promise<{ outcome: string; afterCommit?: () => Promise<void> }>;

export function toTopUpDto(row: TopUpRow) {
  return {
    id: row.id,
    amountCents: row.amountCents,
    currency: row.currency,
    status: row.status,
    kind: row.kind,
    failureMessage: row.failureMessage,
    provider: row.provider,
    checkoutUrl: row.status === "pending" ? row.checkoutUrl : null,
    transferId: row.transferId,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

type CheckoutObject = {
  id?: string;
  client_reference_id?: string | null;
  metadata?: Record<string, string> | null;
  payment_status?: string;
  amount_total?: number | null;
  currency?: string | null;
  payment_intent?: string | { id: string } | null;
};

/**
 * Wallet top-ups through the provider's hosted checkout. The wallet is credited only by a
 * verified webhook event, once per top-up, in the transaction that records the event.
 */
export function createPaymentsService(deps: {
  db: Database;
  ledger: LedgerService;
  provider: PaymentProvider;
  sandbox: SandboxProvider | null;
  clock: Clock;
  logger: FastifyBaseLogger;
  publicOrigin: string;
  limits: Pick<LimitsService, "consume">;
  autoReloadLimits: AutoReloadLimits;
  users: Pick<UsersService, "statusOf">;
}) {
  const repository = createPaymentsRepository();
  /** Handlers of other modules' event types (payouts: accounts and transfers), run in the event's transaction. */
  const eventHandlers = new Map<string, ProviderEventHandler>();

  async function ownTopUp(principal: Principal, id: string) {
    const row = await repository.findTopUp(deps.db, id);
    if (!row || row.userId !== principal.userId) throw new DomainError("NOT_FOUND", "No such top-up.");
    return row;
  }

  async function credit(tx: Executor, topUp: TopUpRow, object: CheckoutObject, eventId: string) {
    if (topUp.status === "succeeded") return "already_credited";
    if (
      object.amount_total != null &&
      (object.amount_total !== topUp.amountCents || object.currency !== topUp.currency)
    ) {
      deps.logger.error(
        { topUpId: topUp.id, eventId },
        "provider amount does not match the top-up; not credited",
      );
      return "amount_mismatch";
    }
    const paymentId =
      typeof object.payment_intent === "string" ? object.payment_intent : (object.payment_intent?.id ?? null);
    const posted = await deps.ledger.transfer(
      {
        idempotencyKey: `top_up:${topUp.id}`,
        code: "top_up",
        legs: [
          {
            from: { kind: "payment_clearing" },
            to: { kind: "wallet", userId: topUp.userId },
            amountCents: topUp.amountCents,
          },
        ],
        references: {
          topUpId: topUp.id,
          providerEventId: eventId,
          ...(paymentId ? { providerPaymentId: paymentId } : {}),
        },
      },
      tx,
    );
    await repository.completeTopUp(tx, topUp.id, {
      status: "succeeded",
      at: deps.clock.now(),
      transferId: posted.transferId,
      providerPaymentId: paymentId,
    });
    return "credited";
  }

  async function apply(tx: Executor, event: ProviderEvent, topUp: TopUpRow): Promise<string> {
    const object = event.data.object as CheckoutObject;
    switch (event.type) {
      case "checkout.session.completed":
        return object.payment_status === "paid" ? credit(tx, topUp, object, event.id) : "awaiting_payment";
      case "checkout.session.async_payment_succeeded":
        return credit(tx, topUp, object, event.id);
      case "checkout.session.async_payment_failed":
      case "checkout.session.expired": {
        if (topUp.status !== "pending") return `ignored_${topUp.status}`;
        const status = event.type === "checkout.session.expired" ? "expired" : "failed";
        await repository.completeTopUp(tx, topUp.id, { status, at: deps.clock.now() });
        return status;
      }
      case "payment_intent.succeeded": {
        // Checkout top-ups are credited by their checkout's events; auto-reloads by their payment's.
        if (topUp.kind !== "auto_reload") return "ignored_checkout_payment";
        const intent = event.data.object as { id: string; amount?: number; currency?: string };
        return credit(
          tx,
          topUp,
          {
            amount_total: intent.amount ?? null,
            currency: intent.currency ?? null,
            payment_intent: intent.id,
          },
          event.id,
        );
      }
      case "payment_intent.payment_failed": {
        if (topUp.kind !== "auto_reload") return "ignored_checkout_payment";
        if (topUp.status !== "pending" && topUp.status !== "requires_action")
          return `ignored_${topUp.status}`;
        const intent = event.data.object as { last_payment_error?: { message?: string } | null };
        await repository.completeTopUp(tx, topUp.id, {
          status: "failed",
          at: deps.clock.now(),
          failureMessage: intent.last_payment_error?.message ?? "The card was declined.",
        });
        return "failed";
      }
      default:
        return "ignored";
    }
  }

  /** Card refunds made at the processor: the money it gives back to the card leaves the wallet. */
  async function bookCardRefund(
    tx: Executor,
    event: ProviderEvent,
    provider: string,
  ): Promise<{ outcome: string; topUpId: string | null }> {
    const object = event.data.object as {
      id: string;
      amount_refunded?: number;
      payment_intent?: string | null;
    };
    const paymentId = typeof object.payment_intent === "string" ? object.payment_intent : null;
    const topUp = paymentId ? await repository.findTopUpByPayment(tx, provider, paymentId) : null;
    if (!topUp || !paymentId || topUp.status !== "succeeded")
      return { outcome: "unknown_payment", topUpId: topUp?.id ?? null };
    const references = { topUpId: topUp.id, providerEventId: event.id, providerPaymentId: paymentId };
    const already = await deps.ledger.recoveredFor("refund", paymentId, tx);
    const delta = Math.min(object.amount_refunded ?? 0, topUp.amountCents) - already;
    if (delta <= 0) return { outcome: "refund_already_booked", topUpId: topUp.id };
    await deps.ledger.recoverFromWallet(
      {
        idempotencyKey: `card_refund:${object.id}:${object.amount_refunded}`,
        userId: topUp.userId,
        amountCents: delta,
        code: "refund",
        references,
        freeze: false,
      },
      tx,
    );
    return { outcome: "card_refund_booked", topUpId: topUp.id };
  }

  function topUpIdOf(event: ProviderEvent): string | null {
    const object = event.data.object as CheckoutObject;
    const id = object.metadata?.topUpId ?? object.client_reference_id ?? null;
    return id && /^[0-9a-f-]{36}$/.test(id) ? id : null;
  }

  const cardRefunds = createCardRefunds({ ...deps, repository });
  const cards = createAutoReloadRepository();
  const autoReload = createAutoReload({
    ...deps,
    limits: deps.autoReloadLimits,
    statusOf: (userId, tx) => deps.users.statusOf(userId, tx),
    repository,
    cards,
    deliverSandboxEvent: deps.sandbox ? (type, object) => service.deliverSandboxEvent(type, object) : null,
  });

  const service = {
    ...cardRefunds,
    autoReload,

    async createTopUp(principal: Principal, input: { amountCents: number; currency?: string }) {
      if (input.currency !== undefined && input.currency.toLowerCase() !== "usd") {
        throw new DomainError("UNSUPPORTED_CURRENCY", "SoulSeer wallets are in US dollars (usd).");
      }
      if (
        !Number.isSafeInteger(input.amountCents) ||
        input.amountCents < TOP_UP_MIN_CENTS ||
        input.amountCents > TOP_UP_MAX_CENTS
      ) {
        throw new DomainError("INVALID_AMOUNT", "A top-up is between $5.00 and $500.00, in whole cents.");
      }
      await deps.limits.consume("top-up", principal.userId);
      const row = await repository.insertTopUp(deps.db, {
        userId: principal.userId,
        amountCents: input.amountCents,
        provider: deps.provider.name,
        createdAt: deps.clock.now(),
      });
      try {
        const checkout = await deps.provider.createCheckout({
          referenceId: row.id,
          amountCents: row.amountCents,
          currency: "usd",
          customerEmail: principal.email,
          description: `SoulSeer wallet top-up ($${(row.amountCents / 100).toFixed(2)})`,
          successUrl: `${deps.publicOrigin}/wallet/top-ups/${row.id}`,
          cancelUrl: `${deps.publicOrigin}/wallet/top-ups/${row.id}?cancelled=1`,
        });
        const updated = await repository.attachCheckout(deps.db, row.id, checkout);
        return toTopUpDto(updated ?? row);
      } catch (error) {
        deps.logger.error({ err: error, topUpId: row.id }, "creating the checkout failed");
        await repository.completeTopUp(deps.db, row.id, { status: "failed", at: deps.clock.now() });
        throw new DomainError(
          "SERVICE_UNAVAILABLE",
          "The card processor is not answering. Try again in a minute.",
        );
      }
    },

    /** A credited top-up by the processor's payment id (null if none or not credited). */
    async creditedTopUp(tx: Executor, provider: string, paymentId: string) {
      const topUp = await repository.findTopUpByPayment(tx, provider, paymentId);
      return topUp?.status === "succeeded" ? topUp : null;
    },

    /** The payments part of `ledger:verify`. */
    verify: () => repository.topUpViolations(deps.db),

    async getTopUp(principal: Principal, id: string) {
      return toTopUpDto(await ownTopUp(principal, id));
    },

    /** Verifies and applies one webhook delivery. Replays and duplicates change nothing. */
    async handleWebhook(
      rawBody: Buffer | string,
      signatureHeader: string | undefined,
      provider = deps.provider,
    ) {
      let event: ProviderEvent;
      try {
        event = provider.verifyWebhook(rawBody, signatureHeader ?? "", deps.clock.now());
      } catch {
        throw new DomainError("INVALID_SIGNATURE", "The webhook signature is not valid.");
      }
      const topUpId = topUpIdOf(event);
      const afterCommit: (() => Promise<void>)[] = [];
      const result = await deps.db.transaction(async (tx) => {
        const eventRowId = await repository.recordEvent(tx, {
          provider: provider.name,
          providerEventId: event.id,
          type: event.type,
          outcome: "received",
          payload: event,
          receivedAt: deps.clock.now(),
        });
        if (!eventRowId) return { eventId: event.id, outcome: "duplicate" };
        if (event.type === "charge.refunded") {
          const result = await bookCardRefund(tx, event, provider.name);
          await repository.setEventOutcome(tx, eventRowId, result.outcome, result.topUpId);
          return { eventId: event.id, outcome: result.outcome };
        }
        const handler =
          event.type === "checkout.session.completed" &&
          (event.data.object as { mode?: string }).mode === "setup"
            ? autoReload.onSetupCompleted
            : eventHandlers.get(event.type);
        if (handler) {
          const handled = await handler(tx, event, provider.name);
          await repository.setEventOutcome(tx, eventRowId, handled.outcome, null);
          if (handled.afterCommit) afterCommit.push(handled.afterCommit);
          return { eventId: event.id, outcome: handled.outcome };
        }
        const topUp = topUpId ? await repository.lockTopUp(tx, topUpId) : null;
        const outcome =
          topUp && topUp.provider === provider.name ? await apply(tx, event, topUp) : "unknown_top_up";
        await repository.setEventOutcome(tx, eventRowId, outcome, topUp?.id ?? null);
        return { eventId: event.id, outcome };
      });
      for (const effect of afterCommit)
        await effect().catch((error: unknown) =>
          deps.logger.error({ err: error, eventId: event.id }, "an event's follow-up failed"),
        );
      return result;
    },

    /**
     * Another module handles these event types (Connect accounts, transfers): verified and recorded
     * once here, then applied by `handler` in the same transaction; it answers the outcome.
     */
    onEvents(types: readonly string[], handler: ProviderEventHandler) {
      for (const type of types) {
        if (eventHandlers.has(type)) throw new Error(`provider event ${type} already has a handler`);
        eventHandlers.set(type, handler);
      }
    },

    /** Whether the sandbox is the provider (its events are made here and signed locally). */
    sandboxActive: () => deps.sandbox !== null,

    /** Signs a sandbox event and applies it through the webhook path, like Stripe's own delivery. */
    async deliverSandboxEvent(type: string, object: Record<string, unknown>) {
      const sandbox = deps.sandbox;
      if (!sandbox) throw new DomainError("NOT_FOUND", "The sandbox is not in use.");
      const { payload, signature } = sandbox.signEvent({ type, data: { object } }, deps.clock.now());
      return service.handleWebhook(payload, signature, sandbox);
    },

    /**
     * The sandbox's stand-in for a cardholder disputing a top-up at their bank: the processor's
     * signed `charge.dispute.created`, through the same webhook path as Stripe's.
     */
    async openSandboxDispute(topUpId: string) {
      const row = deps.sandbox ? await repository.findTopUp(deps.db, topUpId) : null;
      if (row?.provider !== "sandbox" || row.status !== "succeeded" || !row.providerPaymentId)
        throw new DomainError("NOT_FOUND", "No paid sandbox top-up with this id.");
      return service.deliverSandboxEvent("charge.dispute.created", {
        id: `dp_sandbox_${randomUUID().replaceAll("-", "")}`,
        object: "dispute",
        amount: row.amountCents,
        currency: "usd",
        reason: "fraudulent",
        status: "needs_response",
        payment_intent: row.providerPaymentId,
      });
    },

    /** The sandbox's card-saving page: whether this setup is still open. */
    async getSandboxCardSetup(principal: Principal, checkoutId: string) {
      const card = deps.sandbox ? await cards.findCard(deps.db, principal.userId) : null;
      if (card?.provider !== "sandbox") throw new DomainError("NOT_FOUND", "No such card setup.");
      if (card.setupCheckoutId === checkoutId) return { status: "open" as const };
      if (card.paymentMethodId) return { status: "saved" as const };
      throw new DomainError("NOT_FOUND", "No such card setup.");
    },

    /** The sandbox page's "save this card": a signed `checkout.session.completed` (setup mode). */
    async completeSandboxCardSetup(principal: Principal, checkoutId: string, card: SandboxCard) {
      const row = deps.sandbox ? await cards.findCard(deps.db, principal.userId) : null;
      if (row?.provider !== "sandbox" || row.setupCheckoutId !== checkoutId)
        throw new DomainError("NOT_FOUND", "No such card setup.");
      await service.deliverSandboxEvent("checkout.session.completed", {
        id: checkoutId,
        object: "checkout.session",
        mode: "setup",
        status: "complete",
        client_reference_id: principal.userId,
        setup_intent: `seti_sandbox_${card}_${randomUUID().replaceAll("-", "")}_${row.customerId}`,
      });
    },

    /** The sandbox's 3-D Secure page: an auto-reload of the client's that the pretend bank held. */
    async getSandboxAuthentication(principal: Principal, topUpId: string) {
      const row = await ownTopUp(principal, topUpId);
      if (!deps.sandbox || row.provider !== "sandbox" || row.kind !== "auto_reload")
        throw new DomainError("NOT_FOUND", "No such top-up.");
      return toTopUpDto(row);
    },

    /** Approve or fail the pretend bank's check: the payment's signed event, as Stripe's. */
    async completeSandboxAuthentication(principal: Principal, topUpId: string, outcome: "approve" | "fail") {
      const row = await service.getSandboxAuthentication(principal, topUpId);
      if (row.status !== "requires_action") return row;
      const intent = await repository.findTopUp(deps.db, topUpId);
      await service.deliverSandboxEvent(
        outcome === "approve" ? "payment_intent.succeeded" : "payment_intent.payment_failed",
        {
          id: intent?.providerPaymentId,
          object: "payment_intent",
          amount: row.amountCents,
          amount_received: outcome === "approve" ? row.amountCents : 0,
          currency: "usd",
          status: outcome === "approve" ? "succeeded" : "requires_payment_method",
          metadata: { topUpId },
          ...(outcome === "fail"
            ? { last_payment_error: { message: "Your bank could not confirm this payment." } }
            : {}),
        },
      );
      return toTopUpDto((await repository.findTopUp(deps.db, topUpId)) ?? (intent as TopUpRow));
    },

    async getSandboxCheckout(principal: Principal, checkoutId: string) {
      const row = await repository.findTopUpByCheckout(deps.db, "sandbox", checkoutId);
      if (!deps.sandbox || !row || row.userId !== principal.userId)
        throw new DomainError("NOT_FOUND", "No such checkout.");
      return toTopUpDto(row);
    },

    /** The sandbox page's Pay / Decline: a signed event through the same webhook handling. */
    async completeSandboxCheckout(principal: Principal, checkoutId: string, outcome: "pay" | "decline") {
      const sandbox = deps.sandbox;
      const row = await repository.findTopUpByCheckout(deps.db, "sandbox", checkoutId);
      if (!sandbox || !row || row.userId !== principal.userId)
        throw new DomainError("NOT_FOUND", "No such checkout.");
      const object = {
        id: checkoutId,
        object: "checkout.session",
        client_reference_id: row.id,
        metadata: { topUpId: row.id },
        amount_total: row.amountCents,
        currency: row.currency,
        payment_status: outcome === "pay" ? "paid" : "unpaid",
        payment_intent: outcome === "pay" ? `pi_sandbox_${row.id.replaceAll("-", "")}` : null,
      };
      const type = outcome === "pay" ? "checkout.session.completed" : "checkout.session.async_payment_failed";
      const { payload, signature } = sandbox.signEvent({ type, data: { object } }, deps.clock.now());
      await service.handleWebhook(payload, signature, sandbox);
      return { topUp: toTopUpDto((await repository.findTopUp(deps.db, row.id)) ?? row) };
    },
  };
  return service;
}
