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

/** Saving a card for later off-session charges (auto-reload), on the provider's hosted page. */
export interface SetupCheckoutRequest {
  /** Our id for the setup (comes back in the provider's event as `client_reference_id`). */
  referenceId: string;
  userId: string;
  /** The client's customer at the provider, if one was made before. */
  customerId: string | null;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
}

export interface SavedCardDetails {
  customerId: string;
  paymentMethodId: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
}

export interface OffSessionChargeRequest {
  /** The top-up's id (in the payment's metadata and its events). */
  referenceId: string;
  customerId: string;
  paymentMethodId: string;
  amountCents: number;
  idempotencyKey: string;
  description: string;
}

/**
 * What the processor answered an off-session charge: paid (its event credits the wallet), the
 * bank wants the client to confirm it (3-D Secure), or refused with the processor's reason.
 */
export type OffSessionCharge =
  | { status: "succeeded" | "processing" | "requires_action"; paymentId: string }
  | { status: "failed"; paymentId: string | null; message: string };

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
  /** A hosted page where the client saves a card (a SetupIntent); makes the customer if needed. */
  createSetupCheckout(request: SetupCheckoutRequest): Promise<Checkout & { customerId: string }>;
  /** The card a completed setup saved. */
  savedCardOf(setupIntentId: string): Promise<SavedCardDetails>;
  /** Charges a saved card with the client away (off-session); one payment per key. */
  chargeSavedCard(request: OffSessionChargeRequest): Promise<OffSessionCharge>;
  /**
   * Where the client confirms a charge their bank held for authentication (3-D Secure), coming
   * back to `returnUrl`; null when the payment needs no more from them.
   */
  authenticationUrl(request: {
    referenceId: string;
    paymentId: string;
    paymentMethodId: string;
    returnUrl: string;
  }): Promise<string | null>;
  /** Detaches a saved card from the customer: it can no longer be charged. */
  forgetCard(paymentMethodId: string): Promise<void>;
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
    async createSetupCheckout(request) {
      const customerId =
        request.customerId ??
        (
          await stripe.customers.create(
            { email: request.customerEmail, metadata: { userId: request.userId } },
            { idempotencyKey: `customer-${request.userId}` },
          )
        ).id;
      const session = await stripe.checkout.sessions.create(
        {
          mode: "setup",
          customer: customerId,
          currency: "usd",
          client_reference_id: request.referenceId,
          metadata: { savedCardSetupId: request.referenceId },
          setup_intent_data: { metadata: { savedCardSetupId: request.referenceId } },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: `setup-${request.referenceId}` },
      );
      if (!session.url) throw new Error("Stripe returned a setup session without a URL");
      return { checkoutId: session.id, url: session.url, customerId };
    },
    async savedCardOf(setupIntentId) {
      const intent = await stripe.setupIntents.retrieve(setupIntentId, { expand: ["payment_method"] });
      const method = intent.payment_method;
      const customer = typeof intent.customer === "string" ? intent.customer : intent.customer?.id;
      if (!method || typeof method === "string" || !customer)
        throw new Error(`setup intent ${setupIntentId} has no card`);
      return {
        customerId: customer,
        paymentMethodId: method.id,
        brand: method.card?.brand ?? null,
        last4: method.card?.last4 ?? null,
        expMonth: method.card?.exp_month ?? null,
        expYear: method.card?.exp_year ?? null,
      };
    },
    async chargeSavedCard(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amountCents,
            currency: "usd",
            customer: request.customerId,
            payment_method: request.paymentMethodId,
            off_session: true,
            confirm: true,
            description: request.description,
            metadata: { topUpId: request.referenceId },
          },
          { idempotencyKey: request.idempotencyKey },
        );
        if (intent.status === "succeeded") return { status: "succeeded", paymentId: intent.id };
        if (intent.status === "processing") return { status: "processing", paymentId: intent.id };
        if (intent.status === "requires_action") return { status: "requires_action", paymentId: intent.id };
        return { status: "failed", paymentId: intent.id, message: `The payment is ${intent.status}.` };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) {
          const paymentId = error.payment_intent?.id ?? null;
          if (error.code === "authentication_required" && paymentId)
            return { status: "requires_action", paymentId };
          return { status: "failed", paymentId, message: error.message };
        }
        throw error;
      }
    },
    async authenticationUrl(request) {
      const intent = await stripe.paymentIntents.confirm(request.paymentId, {
        payment_method: request.paymentMethodId,
        return_url: request.returnUrl,
      });
      return intent.next_action?.redirect_to_url?.url ?? null;
    },
    async forgetCard(paymentMethodId) {
      await stripe.paymentMethods.detach(paymentMethodId);
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

/** The sandbox's pretend cards, as Stripe's test cards: one pays, one asks for 3-D Secure, one is declined. */
export const SANDBOX_CARDS = { pays: "4242", authenticates: "3184", declines: "0002" } as const;
export type SandboxCard = keyof typeof SANDBOX_CARDS;

const digest = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 24);

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
    async createSetupCheckout(request) {
      const checkoutId = `cs_sandbox_${randomUUID().replaceAll("-", "")}`;
      return {
        checkoutId,
        url: `${options.publicOrigin}/sandbox/save-card/${checkoutId}`,
        customerId: request.customerId ?? `cus_sandbox_${digest(request.userId)}`,
      };
    },
    async savedCardOf(setupIntentId) {
      const match =
        /^seti_sandbox_(pays|authenticates|declines)_([0-9a-f]{32})_(cus_sandbox_[0-9a-f]{24})$/.exec(
          setupIntentId,
        );
      if (!match) throw new Error(`not a sandbox setup intent: ${setupIntentId}`);
      const [, behaviour, id, customerId] = match as unknown as [string, SandboxCard, string, string];
      return {
        customerId,
        paymentMethodId: `pm_sandbox_${behaviour}_${id}`,
        brand: "visa",
        last4: SANDBOX_CARDS[behaviour],
        expMonth: 12,
        expYear: new Date().getUTCFullYear() + 3,
      };
    },
    async chargeSavedCard(request) {
      const behaviour = /^pm_sandbox_(pays|authenticates|declines)_/.exec(request.paymentMethodId)?.[1];
      const paymentId = `pi_sandbox_${digest(request.idempotencyKey)}`;
      if (behaviour === "pays") return { status: "succeeded", paymentId };
      if (behaviour === "authenticates") return { status: "requires_action", paymentId };
      return { status: "failed", paymentId, message: "Your card was declined." };
    },
    async authenticationUrl(request) {
      return `${options.publicOrigin}/sandbox/authenticate/${request.referenceId}`;
    },
    async forgetCard() {},
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
