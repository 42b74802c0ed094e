/*
 * About 470 lines on purpose: the same top-up contract run twice, once against the local Stripe
 * fake (signatures, replays, out-of-order events, chargebacks) and once against the sandbox
 * checkout, which share fixtures.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";

const WEBHOOK_SECRET = "whsec_test_soulseer_local";

/** A local stand-in for Stripe's API: answers Checkout Session creation like Stripe does. */
function startFakeStripe() {
  const requests: {
    path: string;
    form: URLSearchParams;
    idempotencyKey: string | undefined;
    auth: string | undefined;
  }[] = [];
  let counter = 0;
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const form = new URLSearchParams(body);
      requests.push({
        path: request.url ?? "",
        form,
        idempotencyKey: request.headers["idempotency-key"] as string | undefined,
        auth: request.headers.authorization,
      });
      if (request.method === "POST" && request.url === "/v1/checkout/sessions") {
        counter += 1;
        const id = `cs_test_${counter.toString().padStart(8, "0")}`;
        response.writeHead(200, { "content-type": "application/json", "request-id": `req_${counter}` });
        response.end(
          JSON.stringify({
            id,
            object: "checkout.session",
            url: `https://checkout.stripe.test/c/pay/${id}`,
            amount_total: Number(form.get("line_items[0][price_data][unit_amount]")),
            currency: form.get("line_items[0][price_data][currency]"),
            client_reference_id: form.get("client_reference_id"),
            metadata: { topUpId: form.get("metadata[topUpId]") },
            payment_status: "unpaid",
            status: "open",
          }),
        );
        return;
      }
      response.writeHead(404, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ error: { type: "invalid_request_error", message: "Unrecognized request URL" } }),
      );
    });
  });
  return new Promise<{ url: string; requests: typeof requests; close(): Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function checkoutEvent(
  type: string,
  topUp: { id: string; amountCents: number },
  options: { eventId?: string; paymentStatus?: string; amount?: number } = {},
) {
  return JSON.stringify({
    id: options.eventId ?? `evt_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: "cs_test_x",
        object: "checkout.session",
        client_reference_id: topUp.id,
        metadata: { topUpId: topUp.id },
        amount_total: options.amount ?? topUp.amountCents,
        currency: "usd",
        payment_status: options.paymentStatus ?? "paid",
        payment_intent: "pi_test_123",
      },
    },
  });
}

function sign(payload: string, secret = WEBHOOK_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

describe("top-ups through Stripe (local fake)", () => {
  let stripe: Awaited<ReturnType<typeof startFakeStripe>>;
  let t: TestApp;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await createTestApp({
      PAYMENT_PROVIDER: "stripe",
      STRIPE_SECRET_KEY: "sk_test_local_fake",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: stripe.url,
    });
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  const webhook = (payload: string, signature: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhook",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      payload,
    });

  async function startTopUp(cookie: string, amountCents = 2_500) {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/wallet/top-ups",
      headers: { origin: TEST_ORIGIN, cookie },
      payload: { amountCents },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().topUp as { id: string; amountCents: number; checkoutUrl: string; status: string };
  }

  const balanceOf = async (cookie: string) =>
    (await t.app.inject({ method: "GET", url: "/api/v1/wallet", headers: { cookie } })).json().balanceCents;

  it("creates a Stripe Checkout session and credits the wallet only on a verified paid event", async () => {
    const { cookie } = await t.signedIn("client");
    const topUp = await startTopUp(cookie);
    expect(topUp.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const sent = stripe.requests.at(-1);
    expect(sent?.auth).toBe("Bearer sk_test_local_fake");
    expect(sent?.form.get("mode")).toBe("payment");
    expect(sent?.form.get("line_items[0][price_data][unit_amount]")).toBe("2500");
    expect(sent?.form.get("line_items[0][price_data][currency]")).toBe("usd");
    expect(sent?.form.get("metadata[topUpId]")).toBe(topUp.id);
    expect(sent?.idempotencyKey).toBe(`checkout-${topUp.id}`);
    expect(await balanceOf(cookie)).toBe(0);

    const unpaid = checkoutEvent("checkout.session.completed", topUp, { paymentStatus: "unpaid" });
    expect((await webhook(unpaid, sign(unpaid))).json().outcome).toBe("awaiting_payment");
    expect(await balanceOf(cookie)).toBe(0);

    const paid = checkoutEvent("checkout.session.async_payment_succeeded", topUp);
    const response = await webhook(paid, sign(paid));
    expect(response.statusCode).toBe(200);
    expect(response.json().outcome).toBe("credited");
    expect(await balanceOf(cookie)).toBe(2_500);
    const state = await t.app.inject({
      method: "GET",
      url: `/api/v1/wallet/top-ups/${topUp.id}`,
      headers: { cookie },
    });
    expect(state.json().topUp).toMatchObject({ status: "succeeded", checkoutUrl: null });
    const history = await t.app.inject({
      method: "GET",
      url: "/api/v1/wallet/transactions?kind=top_up",
      headers: { cookie },
    });
    expect(history.json().items[0]).toMatchObject({ code: "top_up", amountCents: 2_500 });
    expect(history.json().items[0].references.topUpId).toBe(topUp.id);
  });

  it("refuses tampered, wrongly signed and too old events with 400, and changes nothing", async () => {
    const { cookie } = await t.signedIn("client");
    const topUp = await startTopUp(cookie);
    const payload = checkoutEvent("checkout.session.completed", topUp);
    const eventsBefore = await t.count("payment_events");
    const attempts = [
      { payload: payload.replace('"amount_total":2500', '"amount_total":250000'), signature: sign(payload) },
      { payload, signature: sign(payload, "whsec_someone_else") },
      { payload, signature: sign(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3_600) },
      { payload, signature: "" },
      { payload, signature: "t=1,v1=deadbeef" },
    ];
    for (const attempt of attempts) {
      const response = await webhook(attempt.payload, attempt.signature);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("INVALID_SIGNATURE");
    }
    expect(await t.count("payment_events")).toBe(eventsBefore);
    expect(await balanceOf(cookie)).toBe(0);
  });

  it("credits once when one event is replayed 10 times at once and when two events report one payment", async () => {
    const { cookie } = await t.signedIn("client");
    const topUp = await startTopUp(cookie, 5_000);
    const payload = checkoutEvent("checkout.session.completed", topUp, { eventId: `evt_replay_${topUp.id}` });
    const responses = await Promise.all(Array.from({ length: 10 }, () => webhook(payload, sign(payload))));
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const outcomes = responses.map((response) => response.json().outcome);
    expect(outcomes.filter((outcome) => outcome === "credited")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "duplicate")).toHaveLength(9);
    const second = checkoutEvent("checkout.session.async_payment_succeeded", topUp);
    expect((await webhook(second, sign(second))).json().outcome).toBe("already_credited");
    expect(await balanceOf(cookie)).toBe(5_000);
  });

  it("handles events out of order: a late expiry after payment changes nothing; expiry first leaves it expired", async () => {
    const { cookie } = await t.signedIn("client");
    const paidFirst = await startTopUp(cookie, 1_000);
    const paid = checkoutEvent("checkout.session.completed", paidFirst);
    await webhook(paid, sign(paid));
    const lateExpiry = checkoutEvent("checkout.session.expired", paidFirst, { paymentStatus: "unpaid" });
    expect((await webhook(lateExpiry, sign(lateExpiry))).json().outcome).toBe("ignored_succeeded");
    expect(await balanceOf(cookie)).toBe(1_000);

    const expiredFirst = await startTopUp(cookie, 1_000);
    const expiry = checkoutEvent("checkout.session.expired", expiredFirst, { paymentStatus: "unpaid" });
    expect((await webhook(expiry, sign(expiry))).json().outcome).toBe("expired");
    const mismatch = checkoutEvent("checkout.session.completed", expiredFirst, { amount: 999 });
    expect((await webhook(mismatch, sign(mismatch))).json().outcome).toBe("amount_mismatch");
    expect(await balanceOf(cookie)).toBe(1_000);
  });

  it("books a chargeback: takes what the wallet holds, owes the rest, freezes the wallet; card refunds once", async () => {
    const { user, cookie } = await t.signedIn("client");
    const reader = await t.createUser("reader");
    const topUp = await startTopUp(cookie, 5_000);
    const paid = JSON.parse(checkoutEvent("checkout.session.completed", topUp));
    paid.data.object.payment_intent = `pi_dispute_${topUp.id}`;
    const paidPayload = JSON.stringify(paid);
    await webhook(paidPayload, sign(paidPayload));
    await t.services.ledger.chargeWithSplit({
      idempotencyKey: `spend-${topUp.id}`,
      code: "session_charge",
      payerUserId: user.id,
      readerUserId: reader.id,
      amountCents: 3_000,
    });
    const receivableBefore = await t.services.ledger.houseBalance("chargeback_receivable");
    const dispute = JSON.stringify({
      id: `evt_dispute_${topUp.id}`,
      object: "event",
      type: "charge.dispute.created",
      data: {
        object: {
          id: `dp_${topUp.id}`,
          object: "dispute",
          amount: 5_000,
          currency: "usd",
          payment_intent: `pi_dispute_${topUp.id}`,
        },
      },
    });
    expect((await webhook(dispute, sign(dispute))).json().outcome).toBe("chargeback_booked");
    expect((await webhook(dispute, sign(dispute))).json().outcome).toBe("duplicate");
    expect(await balanceOf(cookie)).toBe(0);
    expect(receivableBefore - (await t.services.ledger.houseBalance("chargeback_receivable"))).toBe(3_000);
    expect(await t.services.ledger.isFrozen(user.id)).toBe(true);

    // A frozen wallet cannot spend even what a later credit brings in.
    await t.services.ledger.transfer({
      idempotencyKey: `goodwill-${topUp.id}`,
      code: "adjustment",
      legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId: user.id }, amountCents: 500 }],
    });
    await expect(
      t.services.ledger.chargeWithSplit({
        idempotencyKey: `spend-frozen-${topUp.id}`,
        code: "gift",
        payerUserId: user.id,
        readerUserId: reader.id,
        amountCents: 100,
      }),
    ).rejects.toMatchObject({ code: "ACCOUNT_FROZEN" });

    // The platform wins the dispute: the chargeback is reversed and the wallet unfrozen.
    const won = JSON.stringify({
      id: `evt_dispute_won_${topUp.id}`,
      object: "event",
      type: "charge.dispute.closed",
      data: {
        object: {
          id: `dp_${topUp.id}`,
          object: "dispute",
          status: "won",
          payment_intent: `pi_dispute_${topUp.id}`,
        },
      },
    });
    expect((await webhook(won, sign(won))).json().outcome).toBe("chargeback_reversed");
    expect(await balanceOf(cookie)).toBe(2_000 + 500);
    expect(await t.services.ledger.houseBalance("chargeback_receivable")).toBe(receivableBefore);
    expect(await t.services.ledger.isFrozen(user.id)).toBe(false);

    const other = await t.signedIn("client");
    const second = await startTopUp(other.cookie, 2_000);
    const secondPaid = JSON.parse(checkoutEvent("checkout.session.completed", second));
    secondPaid.data.object.payment_intent = `pi_refund_${second.id}`;
    const secondPayload = JSON.stringify(secondPaid);
    await webhook(secondPayload, sign(secondPayload));
    const refundEvent = (refunded: number, delivery = "a") =>
      JSON.stringify({
        id: `evt_refund_${second.id}_${refunded}_${delivery}`,
        object: "event",
        type: "charge.refunded",
        data: {
          object: {
            id: `ch_${second.id}`,
            object: "charge",
            amount_refunded: refunded,
            payment_intent: `pi_refund_${second.id}`,
          },
        },
      });
    const partial = refundEvent(800);
    expect((await webhook(partial, sign(partial))).json().outcome).toBe("card_refund_booked");
    const full = refundEvent(2_000);
    expect((await webhook(full, sign(full))).json().outcome).toBe("card_refund_booked");
    const replayed = refundEvent(800);
    expect((await webhook(replayed, sign(replayed))).json().outcome).toBe("duplicate");
    const stale = refundEvent(800, "late");
    expect((await webhook(stale, sign(stale))).json().outcome).toBe("refund_already_booked");
    expect(await balanceOf(other.cookie)).toBe(0);
  });

  it("refuses bad top-up input with 4xx codes and writes no row", async () => {
    const owner = await t.signedIn("client");
    const other = await t.signedIn("client");
    const topUp = await startTopUp(owner.cookie);
    const topUpsBefore = await t.count("top_ups");
    const entriesBefore = await t.count("ledger_entries");
    const cases: [unknown, string][] = [
      [{ amountCents: -500 }, "VALIDATION_FAILED"],
      [{ amountCents: 0 }, "VALIDATION_FAILED"],
      [{ amountCents: 1250.5 }, "VALIDATION_FAILED"],
      [{ amountCents: 499 }, "VALIDATION_FAILED"],
      [{ amountCents: 50_001 }, "VALIDATION_FAILED"],
      [{ amountCents: 1e15 }, "VALIDATION_FAILED"],
      [{ amountCents: "ten dollars" }, "VALIDATION_FAILED"],
      [{}, "VALIDATION_FAILED"],
      [{ amountCents: 1_000, currency: "eur" }, "UNSUPPORTED_CURRENCY"],
    ];
    for (const [payload, code] of cases) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/wallet/top-ups",
        headers: { origin: TEST_ORIGIN, cookie: owner.cookie },
        payload: payload as Record<string, unknown>,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
    }
    const foreign = await t.app.inject({
      method: "GET",
      url: `/api/v1/wallet/top-ups/${topUp.id}`,
      headers: { cookie: other.cookie },
    });
    expect(foreign.statusCode).toBe(404);
    expect(await t.count("top_ups")).toBe(topUpsBefore);
    expect(await t.count("ledger_entries")).toBe(entriesBefore);
  });

  it("takes a JSON body's types as sent: a number written as text is refused, not coerced", async () => {
    const { cookie } = await t.signedIn("client");
    const topUpsBefore = await t.count("top_ups");
    for (const amountCents of ["2500", [2_500], true, null, "2.5e3"]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/wallet/top-ups",
        headers: { origin: TEST_ORIGIN, cookie },
        remoteAddress: "10.77.0.1",
        payload: { amountCents },
      });
      expect(response.statusCode, JSON.stringify(amountCents)).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect(await t.count("top_ups")).toBe(topUpsBefore);
    // Query strings are text by nature and keep their coercion.
    const list = await t.app.inject({
      method: "GET",
      url: "/api/v1/wallet/transactions?limit=5",
      headers: { cookie },
    });
    expect(list.statusCode, list.body).toBe(200);
  });

  it("leaves the books balanced, every top-up matching one credited provider event", async () => {
    expect((await t.services.ledger.verify()).violations).toEqual([]);
    expect(await t.services.payments.verify()).toEqual([]);
    // A top-up transfer without its provider event is caught.
    const client = await t.createUser("client");
    await t.services.ledger.transfer({
      idempotencyKey: `forged-top-up-${client.id}`,
      code: "top_up",
      legs: [
        { from: { kind: "payment_clearing" }, to: { kind: "wallet", userId: client.id }, amountCents: 100 },
      ],
    });
    expect((await t.services.payments.verify()).map((violation) => violation.check)).toEqual([
      "top_ups_match_provider_events",
    ]);
    t.skipLedgerVerifyOnClose = true;
  });
});

describe("top-ups through the sandbox (default)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("pays through the local checkout, whose signed event goes through the webhook path", async () => {
    const { cookie } = await t.signedIn("client");
    const headers = { origin: TEST_ORIGIN, cookie };
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/wallet/top-ups",
      headers,
      payload: { amountCents: 1_000 },
    });
    const topUp = created.json().topUp;
    expect(topUp.provider).toBe("sandbox");
    const checkoutId = new URL(topUp.checkoutUrl).pathname.split("/").pop();
    expect(new URL(topUp.checkoutUrl).origin).toBe(TEST_ORIGIN);

    const intruder = await t.signedIn("client");
    const stolen = await t.app.inject({
      method: "POST",
      url: `/api/v1/sandbox/checkout/${checkoutId}/complete`,
      headers: { origin: TEST_ORIGIN, cookie: intruder.cookie },
      payload: { outcome: "pay" },
    });
    expect(stolen.statusCode).toBe(404);

    const paid = await t.app.inject({
      method: "POST",
      url: `/api/v1/sandbox/checkout/${checkoutId}/complete`,
      headers,
      payload: { outcome: "pay" },
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().topUp.status).toBe("succeeded");
    const events = await t.database.pool.query(
      "select provider, outcome from payment_events where top_up_id = $1",
      [topUp.id],
    );
    expect(events.rows).toEqual([{ provider: "sandbox", outcome: "credited" }]);
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/sandbox/checkout/${checkoutId}/complete`,
      headers,
      payload: { outcome: "pay" },
    });
    expect(again.json().topUp.status).toBe("succeeded");
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/wallet", headers: { cookie } })).json().balanceCents,
    ).toBe(1_000);
  });

  it("declines without moving money, and refuses a forged sandbox event", async () => {
    const { cookie } = await t.signedIn("client");
    const headers = { origin: TEST_ORIGIN, cookie };
    const topUp = (
      await t.app.inject({
        method: "POST",
        url: "/api/v1/wallet/top-ups",
        headers,
        payload: { amountCents: 2_000 },
      })
    ).json().topUp;
    const checkoutId = new URL(topUp.checkoutUrl).pathname.split("/").pop();
    const declined = await t.app.inject({
      method: "POST",
      url: `/api/v1/sandbox/checkout/${checkoutId}/complete`,
      headers,
      payload: { outcome: "decline" },
    });
    expect(declined.json().topUp.status).toBe("failed");
    const forged = checkoutEvent("checkout.session.completed", topUp);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/payments/webhook",
      headers: { "content-type": "application/json", "stripe-signature": sign(forged, "whsec_guess") },
      payload: forged,
    });
    expect(response.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/wallet", headers: { cookie } })).json().balanceCents,
    ).toBe(0);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });
});
