import { createHash, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { classifyStripeError } from "./payouts-provider.js";

export interface CheckoutRequest {
  /** Our id for the payment (the top-up id); comes back in the provider's events. */
  referenceId: string;
  amountCents: number;
  currency: "usd";
  customerEmail: string;
  description: string;
  successUrl: string;
  cancelUrl: string;
}

export interface CardRefundRequest {
  paymentId: string;
  amountCents: number;
  /** Our id for the refund, in the provider's metadata. */
  referenceId: string;
  idempotencyKey: string;
}

export interface Checkout {
  checkoutId: string;
  url: string;
}

export type ProviderEvent = Stripe.Event;

/**
 * A card processor with a hosted checkout and signed webhooks. Both implementations speak
 * Stripe's event format, so one webhook path handles the real service and the sandbox.
 */
export interface PaymentProvider {
  readonly name: "stripe" | "sandbox";
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Refunds part or all of a card payment (a top-up's payment intent); one refund per key, so a
   * repeated call answers the first refund. Throws a PayoutProviderError saying whether to retry.
   */
  refundPayment(request: CardRefundRequest): Promise<{ refundId: string }>;
  /** Verifies the signature over the raw body; throws when it does not match or is too old. */
  verifyWebhook(rawBody: Buffer | string, signatureHeader: string, now: Date): ProviderEvent;
}

/** Signatures older than this are refused (Stripe's default tolerance). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

function verify(rawBody: Buffer | string, signatureHeader: string, secret: string, now: Date): ProviderEvent {
  return Stripe.webhooks.constructEvent(
    rawBody,
    signatureHeader,
    secret,
    WEBHOOK_TOLERANCE_SECONDS,
    undefined,
    now.getTime(),
  );
}

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** The Connect endpoint's own secret, when connected accounts' events come to a second endpoint. */
  connectWebhookSecret?: string;
  /** For tests against a local fake Stripe: the SDK's host/port/protocol options. */
  apiBaseUrl?: string;
}

export function createStripeProvider(options: StripeOptions): PaymentProvider {
  const base = options.apiBaseUrl ? new URL(options.apiBaseUrl) : null;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || undefined,
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
  return {
    name: "stripe",
    async createCheckout(request) {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: request.referenceId,
          customer_email: request.customerEmail,
          metadata: { topUpId: request.referenceId },
          payment_intent_data: { metadata: { topUpId: request.referenceId } },
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency,
                unit_amount: request.amountCents,
                product_data: { name: request.description },
              },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: `checkout-${request.referenceId}` },
      );
      if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
      return { checkoutId: session.id, url: session.url };
    },
    async refundPayment(request) {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: request.paymentId,
            amount: request.amountCents,
            metadata: { cardRefundId: request.referenceId },
          },
          { idempotencyKey: request.idempotencyKey, maxNetworkRetries: 0 },
        );
        return { refundId: refund.id };
      } catch (error) {
        throw classifyStripeError(error);
      }
    },
    verifyWebhook(rawBody, signatureHeader, now) {
      try {
        return verify(rawBody, signatureHeader, options.webhookSecret, now);
      } catch (error) {
        if (!options.connectWebhookSecret) throw error;
        return verify(rawBody, signatureHeader, options.connectWebhookSecret, now);
      }
    },
  };
}

/**
 * The built-in stand-in: a local checkout page (no card is charged) whose outcome is sent as a
 * Stripe-format event signed with a local secret, through the same webhook handling.
 */
export function createSandboxProvider(options: { webhookSecret: string; publicOrigin: string }) {
  const provider: PaymentProvider & {
    signEvent(
      event: { type: string; data: { object: Record<string, unknown> } },
      now: Date,
    ): { payload: string; signature: string };
  } = {
    name: "sandbox",
    async createCheckout() {
      const checkoutId = `cs_sandbox_${randomUUID().replaceAll("-", "")}`;
      return { checkoutId, url: `${options.publicOrigin}/sandbox/checkout/${checkoutId}` };
    },
    async refundPayment(request) {
      // Derived from the key, as Stripe answers a repeated key with its first refund.
      return {
        refundId: `re_sandbox_${createHash("sha256").update(request.idempotencyKey).digest("hex").slice(0, 24)}`,
      };
    },
    verifyWebhook: (rawBody, signatureHeader, now) =>
      verify(rawBody, signatureHeader, options.webhookSecret, now),
    signEvent(event, now) {
      const created = Math.floor(now.getTime() / 1000);
      const payload = JSON.stringify({
        id: `evt_sandbox_${randomUUID().replaceAll("-", "")}`,
        object: "event",
        api_version: "sandbox",
        created,
        livemode: false,
        type: event.type,
        data: event.data,
      });
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.webhookSecret,
        timestamp: created,
      });
      return { payload, signature };
    },
  };
  return provider;
}

export type SandboxProvider = ReturnType<typeof createSandboxProvider>;
