import { createHash, randomUUID } from "node:crypto";
import Stripe from "stripe";

/** Why a provider call did not succeed: worth retrying (rate limited, passing) or not (refused). */
export type PayoutProviderErrorKind = "rate_limited" | "transient" | "refused";

export class PayoutProviderError extends Error {
  constructor(
    readonly kind: PayoutProviderErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "PayoutProviderError";
  }
}

export interface PayoutTransferRequest {
  /** Our payout id: the transfer's group and metadata, so a lost answer can be found again. */
  payoutId: string;
  accountId: string;
  amountCents: number;
  /** The same key on every attempt: the provider makes one transfer per key. */
  idempotencyKey: string;
}

/**
 * Pays readers out to their connected account: Stripe Connect Express, or the sandbox, which
 * behaves the same way (its onboarding page and events go through the signed-webhook path).
 */
export interface PayoutProvider {
  readonly name: "stripe" | "sandbox";
  createAccount(input: { readerUserId: string; email: string }): Promise<{ accountId: string }>;
  /** A one-time onboarding address for the account (expires; a new one is made each time). */
  createAccountLink(input: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string }>;
  createTransfer(request: PayoutTransferRequest): Promise<{ transferId: string }>;
  /** The transfer made for a payout, if any (a crash may have lost the provider's answer). */
  findTransfer(payoutId: string): Promise<{ transferId: string } | null>;
}

/** Maps a Stripe SDK error to whether a retry may help. */
export function classifyStripeError(error: unknown): PayoutProviderError {
  const stripeError = error as { type?: string; statusCode?: number; message?: string };
  const message = stripeError.message ?? String(error);
  if (stripeError.statusCode === 429 || stripeError.type === "StripeRateLimitError")
    return new PayoutProviderError("rate_limited", message);
  // Another request with the same key is still running (another node, a lost answer): its
  // outcome is the one that counts, so this is never a refusal.
  if (stripeError.statusCode === 409 || stripeError.type === "StripeIdempotencyError")
    return new PayoutProviderError("transient", message);
  if (
    stripeError.type === "StripeConnectionError" ||
    stripeError.type === "StripeAPIError" ||
    (stripeError.statusCode !== undefined && stripeError.statusCode >= 500) ||
    stripeError.statusCode === undefined
  )
    return new PayoutProviderError("transient", message);
  return new PayoutProviderError("refused", message);
}

export function createStripePayoutProvider(options: {
  secretKey: string;
  apiBaseUrl?: string;
}): PayoutProvider {
  const base = options.apiBaseUrl ? new URL(options.apiBaseUrl) : null;
  const stripe = new Stripe(options.secretKey, {
    // The payout run retries itself, with backoff and its own rate limiter.
    maxNetworkRetries: 0,
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
  const call = async <T>(request: () => Promise<T>) => {
    try {
      return await request();
    } catch (error) {
      throw classifyStripeError(error);
    }
  };
  return {
    name: "stripe",
    async createAccount(input) {
      const account = await call(() =>
        stripe.accounts.create(
          {
            type: "express",
            email: input.email,
            capabilities: { transfers: { requested: true } },
            metadata: { readerUserId: input.readerUserId },
          },
          { idempotencyKey: `account-${input.readerUserId}` },
        ),
      );
      return { accountId: account.id };
    },
    async createAccountLink(input) {
      const link = await call(() =>
        stripe.accountLinks.create({
          account: input.accountId,
          refresh_url: input.refreshUrl,
          return_url: input.returnUrl,
          type: "account_onboarding",
        }),
      );
      return { url: link.url };
    },
    async createTransfer(request) {
      const transfer = await call(() =>
        stripe.transfers.create(
          {
            amount: request.amountCents,
            currency: "usd",
            destination: request.accountId,
            transfer_group: request.payoutId,
            metadata: { payoutId: request.payoutId },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      return { transferId: transfer.id };
    },
    async findTransfer(payoutId) {
      const page = await call(() => stripe.transfers.list({ transfer_group: payoutId, limit: 1 }));
      const found = page.data[0];
      return found ? { transferId: found.id } : null;
    },
  };
}

/**
 * The built-in stand-in: accounts are made at once and finish onboarding on a local page; a
 * transfer's id is derived from its idempotency key, so a repeated key makes no second transfer
 * (as with Stripe), and nothing needs to be stored to find it again.
 */
export function createSandboxPayoutProvider(options: { publicOrigin: string }): PayoutProvider {
  const transferIdOf = (key: string) =>
    `tr_sandbox_${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;
  return {
    name: "sandbox",
    async createAccount() {
      return { accountId: `acct_sandbox_${randomUUID().replaceAll("-", "").slice(0, 20)}` };
    },
    async createAccountLink(input) {
      return { url: `${options.publicOrigin}/sandbox/connect/${input.accountId}` };
    },
    async createTransfer(request) {
      if (!request.accountId.startsWith("acct_sandbox_"))
        throw new PayoutProviderError("refused", "No such sandbox account.");
      return { transferId: transferIdOf(request.idempotencyKey) };
    },
    async findTransfer() {
      // Transfers are derived from their key: sending the same key again finds the same transfer.
      return null;
    },
  };
}
