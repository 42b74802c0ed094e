import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeCardBehaviour,
  type FakeStripeCards,
  startFakeStripeCards,
} from "../../../test/fake-stripe-cards.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { callAs, deliverStripeEvent, stripePayoutsEnv } from "../../../test/payouts-kit.js";

const MINUTE = 60_000;

describe("auto-reload through Stripe (local fake)", () => {
  let stripe: FakeStripeCards;
  let t: TestApp;

  beforeAll(async () => {
    stripe = await startFakeStripeCards();
    t = await createTestApp(stripePayoutsEnv(stripe.url));
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  const settings = async (cookie: string) =>
    (await callAs(t, "GET", "/api/v1/wallet/auto-reload", cookie)).json();

  /** Saves a card through a Checkout Session in setup mode and Stripe's signed event, then turns auto-reload on. */
  async function savedCard(behaviour: FakeCardBehaviour) {
    const client = await t.signedIn("client");
    const started = await callAs(t, "POST", "/api/v1/wallet/saved-card", client.cookie);
    expect(started.statusCode, started.body).toBe(200);
    const sessionId = new URL(started.json().url).pathname.split("/").at(-1) ?? "";
    expect((await settings(client.cookie)).savingCard).toBe(true);
    const { setupIntent, paymentMethod, clientReferenceId } = stripe.completeSetup(sessionId, behaviour);
    expect(clientReferenceId).toBe(client.user.id);
    const event = await deliverStripeEvent(t, "checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      mode: "setup",
      status: "complete",
      client_reference_id: client.user.id,
      setup_intent: setupIntent,
    });
    expect(event.json().outcome).toBe("card_saved");
    expect((await settings(client.cookie)).card).toMatchObject({
      brand: "visa",
      expMonth: 12,
      expYear: 2031,
    });
    const on = await callAs(t, "PUT", "/api/v1/wallet/auto-reload", client.cookie, {
      enabled: true,
      amountCents: 2_000,
      floorCents: null,
    });
    expect(on.statusCode, on.body).toBe(200);
    return { ...client, paymentMethod };
  }

  const reload = (userId: string) =>
    t.services.payments.autoReload.reloadIfLow([{ clientUserId: userId, thresholdCents: 1_000 }]);

  it("charges the saved card off-session with one key, and credits the wallet only on Stripe's signed event", async () => {
    const client = await savedCard("pays");
    expect((await reload(client.user.id))[0]?.outcome).toBe("succeeded");
    const charge = stripe.requests.filter((request) => request.path === "/v1/payment_intents");
    expect(charge).toHaveLength(1);
    expect(charge[0]?.form.get("off_session")).toBe("true");
    expect(charge[0]?.form.get("amount")).toBe("2000");
    expect(charge[0]?.idempotencyKey).toMatch(/^auto-reload-[0-9a-f-]{36}$/);
    // Paid at Stripe, not yet credited: the wallet moves only with the signed event.
    expect(await t.services.ledger.balance(client.user.id)).toBe(0);
    const last = (await settings(client.cookie)).last;
    expect(last).toMatchObject({ status: "pending", amountCents: 2_000 });
    const intent = [...stripe.intents.values()].find((made) => made.payment_method === client.paymentMethod);
    const succeeded = {
      ...intent,
      status: "succeeded",
      amount_received: 2_000,
      metadata: { topUpId: last.topUpId },
    };
    expect((await deliverStripeEvent(t, "payment_intent.succeeded", succeeded)).json().outcome).toBe(
      "credited",
    );
    expect((await deliverStripeEvent(t, "payment_intent.succeeded", succeeded)).json().outcome).toBe(
      "already_credited",
    );
    expect(await t.services.ledger.balance(client.user.id)).toBe(2_000);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("a card the bank wants confirmed: the client gets Stripe's 3-D Secure page; a declined card its reason", async () => {
    const client = await savedCard("authenticates");
    expect((await reload(client.user.id))[0]?.outcome).toBe("requires_action");
    const held = (await settings(client.cookie)).last;
    expect(held.status).toBe("requires_action");
    const asked = await callAs(
      t,
      "POST",
      `/api/v1/wallet/auto-reloads/${held.topUpId}/authenticate`,
      client.cookie,
    );
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().url).toMatch(/^https:\/\/hooks\.stripe\.test\/3d_secure_2\/pi_/);
    const confirm = stripe.requests.find((request) => request.path.endsWith("/confirm"));
    expect(confirm?.form.get("return_url")).toBe(
      `${t.config.publicUrl.origin}/wallet/top-ups/${held.topUpId}`,
    );

    const declined = await savedCard("declines");
    expect((await reload(declined.user.id))[0]?.outcome).toBe("failed");
    expect((await settings(declined.cookie)).last).toMatchObject({
      status: "failed",
      failureMessage: "Your card was declined.",
    });
    expect(await t.services.ledger.balance(declined.user.id)).toBe(0);
    t.clock.advance(11 * MINUTE);
  });

  it("charges an auto-reload cut short again with its own key: Stripe answers the first payment", async () => {
    const client = await savedCard("pays");
    // What a node leaves when it stops after making the auto-reload and before Stripe's answer
    // reached it: the top-up row, and at Stripe the payment made with the top-up's key.
    const made = await t.database.pool.query<{ id: string }>(
      `insert into top_ups (user_id, amount_cents, provider, kind, status, created_at)
       values ($1, 2000, 'stripe', 'auto_reload', 'pending', $2) returning id`,
      [client.user.id, new Date(t.clock.now().getTime() - 3 * MINUTE)],
    );
    const topUpId = made.rows[0]?.id as string;
    const customer = stripe.methods.get(client.paymentMethod)?.customer ?? "";
    const first = await fetch(`${stripe.url}/v1/payment_intents`, {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_local_fake",
        "content-type": "application/x-www-form-urlencoded",
        "idempotency-key": `auto-reload-${topUpId}`,
      },
      body: new URLSearchParams({
        amount: "2000",
        currency: "usd",
        customer,
        payment_method: client.paymentMethod,
        off_session: "true",
        confirm: "true",
        "metadata[topUpId]": topUpId,
      }),
    });
    const firstIntent = (await first.json()) as { id: string };
    const resumed = await t.services.payments.autoReload.resumeUnanswered();
    expect(resumed).toEqual([{ topUpId, outcome: "succeeded" }]);
    const stored = await t.database.pool.query("select provider_payment_id from top_ups where id = $1", [
      topUpId,
    ]);
    expect(stored.rows[0]?.provider_payment_id).toBe(firstIntent.id);
    expect([...stripe.intents.values()].filter((intent) => intent.customer === customer)).toHaveLength(1);
    expect(await t.services.payments.autoReload.resumeUnanswered()).toEqual([]);
  });

  it("detaches a removed card at Stripe", async () => {
    const client = await savedCard("pays");
    const removed = await callAs(t, "DELETE", "/api/v1/wallet/saved-card", client.cookie);
    expect(removed.json()).toMatchObject({ card: null, enabled: false });
    expect(stripe.methods.get(client.paymentMethod)?.customer).toBeNull();
  });
});
