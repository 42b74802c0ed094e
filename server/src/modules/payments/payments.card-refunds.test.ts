import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripeConnect, startFakeStripeConnect } from "../../../test/fake-stripe-connect.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { callAs, deliverStripeEvent, sandboxTopUp, stripePayoutsEnv } from "../../../test/payouts-kit.js";

/** Spends from a client's wallet: a tip to a reader, as any charge. */
async function spend(t: TestApp, clientUserId: string, amountCents: number) {
  const { user: reader } = await t.createReader();
  await t.services.ledger.chargeWithSplit({
    idempotencyKey: `spend-${randomUUID()}`,
    code: "tip",
    payerUserId: clientUserId,
    readerUserId: reader.id,
    amountCents,
  });
}

const refundToCard = (t: TestApp, cookie: string, idempotencyKey: string = randomUUID()) =>
  callAs(t, "POST", "/api/v1/wallet/refund-to-card", cookie, { idempotencyKey });

describe("wallet balance back to the card, in the sandbox", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const topUp = async (cookie: string, amountCents: number) =>
    (await sandboxTopUp(t, cookie, amountCents)).id;

  it("splits the balance over the client's own top-ups, newest first, never more than each", async () => {
    const client = await t.signedIn("client");
    const older = await topUp(client.cookie, 1_000);
    const newer = await topUp(client.cookie, 2_500);
    await spend(t, client.user.id, 500); // balance 3,000: 2,500 from the newer, 500 from the older
    const key = `card-${randomUUID()}`;
    const first = await refundToCard(t, client.cookie, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().refundedCents).toBe(3_000);
    const rows = first.json().refunds as { topUpId: string; amountCents: number; status: string }[];
    const byTopUp = new Map(rows.map((row) => [row.topUpId, [row.amountCents, row.status]]));
    expect(rows).toHaveLength(2);
    expect(byTopUp.get(newer)).toEqual([2_500, "succeeded"]);
    expect(byTopUp.get(older)).toEqual([500, "succeeded"]);
    expect(await t.services.ledger.balance(client.user.id)).toBe(0);
    // The same request again answers the same refunds and moves nothing.
    const again = await refundToCard(t, client.cookie, key);
    expect(again.json()).toEqual(first.json());
    // A new top-up later: only what is left of each payment can go back.
    await topUp(client.cookie, 500);
    await t.services.ledger.transfer({
      idempotencyKey: `promo-${randomUUID()}`,
      code: "adjustment",
      legs: [
        { from: { kind: "promotions" }, to: { kind: "wallet", userId: client.user.id }, amountCents: 2_000 },
      ],
    });
    const next = await refundToCard(t, client.cookie);
    // 500 from the new top-up and the 500 left of the older one; the promotion's 1,500 stay.
    expect(next.json().refundedCents).toBe(1_000);
    expect(await t.services.ledger.balance(client.user.id)).toBe(1_500);
    const nothing = await refundToCard(t, client.cookie);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().error.code).toBe("NOTHING_TO_PAY");
  });

  it("refunds once when the same request races, and never from a frozen wallet", async () => {
    const client = await t.signedIn("client");
    await topUp(client.cookie, 2_000);
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all([
      refundToCard(t, client.cookie, key),
      refundToCard(t, client.cookie, key),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    // One set of refunds: the second request may answer while the first still waits on the
    // processor (its rows then read "pending"); asked again afterwards, both name the same rows.
    const shape = (answer: { json: () => { refunds: { id: string; amountCents: number }[] } }) =>
      answer.json().refunds.map((row) => [row.id, row.amountCents]);
    const [one, two] = answers as [(typeof answers)[0], (typeof answers)[0]];
    expect(shape(one)).toEqual(shape(two));
    expect(shape(one)).toHaveLength(1);
    for (const answer of answers)
      for (const row of answer.json().refunds) expect(["pending", "succeeded"]).toContain(row.status);
    const settled = await refundToCard(t, client.cookie, key);
    expect(settled.json().refunds.map((row: { status: string }) => row.status)).toEqual(["succeeded"]);
    expect(settled.json().refundedCents).toBe(2_000);
    expect(await t.services.ledger.balance(client.user.id)).toBe(0);

    const frozen = await t.signedIn("client");
    await topUp(frozen.cookie, 1_000);
    await t.services.ledger.recoverFromWallet(
      {
        idempotencyKey: `dispute-${randomUUID()}`,
        userId: frozen.user.id,
        amountCents: 100,
        code: "chargeback",
        references: {},
        freeze: true,
      },
      t.database.db,
    );
    const refused = await refundToCard(t, frozen.cookie);
    expect(refused.json().error.code).toBe("ACCOUNT_FROZEN");
    expect(await t.services.ledger.balance(frozen.user.id)).toBe(900);
  });

  it("asks who may call it", async () => {
    expect((await refundToCard(t, "")).statusCode).toBe(401);
    const client = await t.signedIn("client");
    expect(
      (await callAs(t, "POST", "/api/v1/wallet/refund-to-card", client.cookie, { idempotencyKey: "short" }))
        .statusCode,
    ).toBe(400);
  });
});

describe("wallet balance back to the card, through Stripe (local fake)", () => {
  let stripe: FakeStripeConnect;
  let t: TestApp;
  beforeAll(async () => {
    stripe = await startFakeStripeConnect();
    t = await createTestApp(stripePayoutsEnv(stripe.url));
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  /** A top-up paid through Stripe's checkout: credited by its signed webhook. */
  async function stripeTopUp(cookie: string, amountCents: number) {
    const started = await callAs(t, "POST", "/api/v1/wallet/top-ups", cookie, { amountCents });
    expect(started.statusCode, started.body).toBe(201);
    const topUpId = started.json().topUp.id as string;
    const paymentIntent = `pi_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const credited = await deliverStripeEvent(t, "checkout.session.completed", {
      id: `cs_${randomUUID().replaceAll("-", "")}`,
      object: "checkout.session",
      client_reference_id: topUpId,
      metadata: { topUpId },
      amount_total: amountCents,
      currency: "usd",
      payment_status: "paid",
      payment_intent: paymentIntent,
    });
    expect(credited.json().outcome).toBe("credited");
    return paymentIntent;
  }

  it("retries an unanswered refund with the same key, and returns a refused one to the wallet", async () => {
    const client = await t.signedIn("client");
    const payment = await stripeTopUp(client.cookie, 4_000);
    stripe.fail(500, 1);
    const pending = await refundToCard(t, client.cookie);
    expect(pending.json().refunds).toEqual([
      expect.objectContaining({ amountCents: 4_000, status: "pending" }),
    ]);
    expect(await t.services.ledger.balance(client.user.id)).toBe(0);
    t.clock.advance(31_000);
    expect(await t.services.payments.sweepCardRefunds()).toBe(1);
    const made = stripe.refunds.filter((refund) => refund.payment_intent === payment);
    expect(made).toEqual([expect.objectContaining({ amount: 4_000 })]);
    // Stripe's own event about the refund finds it already booked.
    const event = await deliverStripeEvent(t, "charge.refunded", {
      id: `ch_${randomUUID().replaceAll("-", "")}`,
      object: "charge",
      amount: 4_000,
      amount_refunded: 4_000,
      payment_intent: payment,
    });
    expect(event.json().outcome).toBe("refund_already_booked");
    expect(await t.services.ledger.balance(client.user.id)).toBe(0);

    const refusedClient = await t.signedIn("client");
    const unknown = await stripeTopUp(refusedClient.cookie, 1_500);
    stripe.refusePayment(unknown);
    const refused = await refundToCard(t, refusedClient.cookie);
    expect(refused.json()).toMatchObject({
      refundedCents: 0,
      refunds: [expect.objectContaining({ status: "failed" })],
    });
    expect(await t.services.ledger.balance(refusedClient.user.id)).toBe(1_500);
    // The returned refund leaves the whole payment refundable again.
    expect(await t.services.ledger.recoveredFor("refund", unknown, t.database.db)).toBe(0);
  });
});
