import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { expect } from "vitest";
import { TEST_ORIGIN, type TestApp } from "./harness.js";

export const PAYOUTS_WEBHOOK_SECRET = "whsec_payouts_test_secret";
/** The Connect endpoint's own secret (events of connected accounts). */
export const PAYOUTS_CONNECT_WEBHOOK_SECRET = "whsec_payouts_connect_test_secret";

/** The app's settings for payouts through a local fake Stripe (no pacing, short backoff). */
export const stripePayoutsEnv = (stripeUrl: string) => ({
  PAYMENT_PROVIDER: "stripe",
  STRIPE_SECRET_KEY: "sk_test_local_fake",
  STRIPE_WEBHOOK_SECRET: PAYOUTS_WEBHOOK_SECRET,
  STRIPE_API_BASE: stripeUrl,
  PAYOUT_RETRY_BASE_MS: "5",
  PAYOUT_RATE_PER_SECOND: "0",
  PAYOUT_PENDING_HOURS: "0",
  STRIPE_CONNECT_WEBHOOK_SECRET: PAYOUTS_CONNECT_WEBHOOK_SECRET,
});

export const callAs = (
  t: TestApp,
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  cookie: string | null,
  payload?: object,
) =>
  t.app.inject({
    method,
    url,
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });

/** A new client's charge of `amountCents` to the reader (a tip unless named), split 70/30; its transfer. */
export async function chargeToReader(
  t: TestApp,
  readerUserId: string,
  amountCents: number,
  code: "tip" | "gift" = "tip",
) {
  const client = await t.createUser("client");
  await t.services.ledger.transfer({
    idempotencyKey: `test-credit:${randomUUID()}`,
    code: "adjustment",
    legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId: client.id }, amountCents }],
  });
  return t.services.ledger.chargeWithSplit({
    idempotencyKey: `test-${code}:${randomUUID()}`,
    code,
    payerUserId: client.id,
    readerUserId,
    amountCents,
  });
}

/** A reader's earnings from a real client charge: a tip of `amountCents` (the reader gets 70 %). */
export async function earn(t: TestApp, readerUserId: string, amountCents: number) {
  await chargeToReader(t, readerUserId, amountCents);
  return Math.floor((amountCents * 7000) / 10000);
}

/**
 * A client's top-up paid through the sandbox checkout (its signed event credits the wallet); the
 * top-up's id and the processor payment id the sandbox gave it.
 */
export async function sandboxTopUp(t: TestApp, cookie: string, amountCents: number) {
  const started = await callAs(t, "POST", "/api/v1/wallet/top-ups", cookie, { amountCents });
  expect(started.statusCode, started.body).toBe(201);
  const checkoutId = new URL(started.json().topUp.checkoutUrl).pathname.split("/").at(-1);
  const paid = await callAs(t, "POST", `/api/v1/sandbox/checkout/${checkoutId}/complete`, cookie, {
    outcome: "pay",
  });
  expect(paid.json().topUp.status).toBe("succeeded");
  t.clock.advance(1_000);
  const id = paid.json().topUp.id as string;
  return { id, paymentId: `pi_sandbox_${id.replaceAll("-", "")}` };
}

/** Delivers a Stripe event to the webhook, signed as Stripe signs it (at the app's time). */
export function deliverStripeEvent(
  t: TestApp,
  type: string,
  object: Record<string, unknown>,
  secret = PAYOUTS_WEBHOOK_SECRET,
) {
  const payload = JSON.stringify({
    id: `evt_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    api_version: "2025-01-27",
    created: Math.floor(t.clock.now().getTime() / 1000),
    livemode: false,
    type,
    data: { object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: Math.floor(t.clock.now().getTime() / 1000),
  });
  return t.app.inject({
    method: "POST",
    url: "/api/v1/payments/webhook",
    headers: { "content-type": "application/json", "stripe-signature": signature },
    payload,
  });
}

/** A reader who connected a Stripe Express account; ready once Stripe's event says so. */
export async function stripeReader(t: TestApp) {
  const { user } = await t.createReader();
  const cookie = await t.signIn(user.email);
  const started = await callAs(t, "POST", "/api/v1/readers/me/payouts/account", cookie);
  expect(started.statusCode, started.body).toBe(200);
  expect(started.json().url).toMatch(/^https:\/\/connect\.stripe\.test\/setup\//);
  const found = await t.database.pool.query<{ provider_account_id: string }>(
    "select provider_account_id from payout_accounts where reader_user_id = $1",
    [user.id],
  );
  const accountId = found.rows[0]?.provider_account_id as string;
  // Not ready until Stripe says payouts are enabled.
  const partial = await deliverStripeEvent(t, "account.updated", {
    id: accountId,
    object: "account",
    payouts_enabled: false,
    details_submitted: true,
  });
  expect(partial.json().outcome, partial.body).toBe("payout_account_restricted");
  const ready = await deliverStripeEvent(t, "account.updated", {
    id: accountId,
    object: "account",
    payouts_enabled: true,
    details_submitted: true,
  });
  expect(ready.json().outcome).toBe("payout_account_ready");
  return { user, cookie, accountId };
}

/** A reader who connected a sandbox payout account and finished onboarding through its page. */
export async function sandboxReader(t: TestApp) {
  const { user } = await t.createReader();
  const cookie = await t.signIn(user.email);
  const started = await callAs(t, "POST", "/api/v1/readers/me/payouts/account", cookie);
  expect(started.statusCode, started.body).toBe(200);
  const accountId = new URL(started.json().url).pathname.split("/").at(-1) as string;
  expect(started.json().url).toBe(`${TEST_ORIGIN}/sandbox/connect/${accountId}`);
  const done = await callAs(t, "POST", `/api/v1/sandbox/connect/${accountId}/complete`, cookie);
  expect(done.statusCode, done.body).toBe(200);
  expect(done.json()).toEqual({ accountId, status: "ready" });
  return { user, cookie, accountId };
}
