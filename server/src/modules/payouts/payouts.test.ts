import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripeConnect, startFakeStripeConnect } from "../../../test/fake-stripe-connect.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import {
  callAs,
  deliverStripeEvent,
  earn,
  PAYOUTS_CONNECT_WEBHOOK_SECRET,
  sandboxReader,
  stripePayoutsEnv,
  stripeReader,
} from "../../../test/payouts-kit.js";
import { dailyJobId } from "./index.js";
import { nextPayoutRunAt, nextPayoutStatus, PAYOUT_CAUSES, PAYOUT_STATUSES } from "./payouts.state.js";

const HOUR_MS = 3_600_000;

const day = (t: TestApp) => t.clock.now().toISOString().slice(0, 10);

describe("payout state machine", () => {
  it("defines only confirm/refuse from in transit and reversal of a paid payout", () => {
    const defined: string[] = [];
    for (const from of PAYOUT_STATUSES)
      for (const cause of PAYOUT_CAUSES) {
        const to = nextPayoutStatus(from, cause);
        if (to) defined.push(`${from}:${cause}:${to}`);
      }
    expect(defined.sort()).toEqual([
      "in_transit:confirmed:paid",
      "in_transit:refused:failed",
      "in_transit:reversed:failed",
      "paid:reversed:reversed",
    ]);
  });

  it("schedules the next run at the payout hour, tomorrow once it has passed", () => {
    expect(nextPayoutRunAt(new Date("2026-12-05T01:59:00Z"), 2).toISOString()).toBe(
      "2026-12-05T02:00:00.000Z",
    );
    expect(nextPayoutRunAt(new Date("2026-12-05T02:00:00Z"), 2).toISOString()).toBe(
      "2026-12-06T02:00:00.000Z",
    );
    expect(dailyJobId("2026-12-05")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(dailyJobId("2026-12-05")).not.toBe(dailyJobId("2026-12-06"));
  });
});

describe("payouts through the sandbox", () => {
  let t: TestApp;
  beforeAll(async () => {
    // The refund window has its own test below; here earnings are available at once.
    t = await createTestApp({ PAYOUT_PENDING_HOURS: "0" });
  });
  afterAll(async () => {
    await t.close();
  });

  const onboardedReader = () => sandboxReader(t);

  it("onboards a reader through a signed event and pays available earnings once a day", async () => {
    const { user, cookie } = await onboardedReader();
    const share = await earn(t, user.id, 3_000); // 2,100 cents to the reader
    let mine = (await callAs(t, "GET", "/api/v1/readers/me/payouts", cookie)).json();
    expect(mine).toMatchObject({
      availableCents: share,
      pendingCents: 0,
      account: { status: "ready", thresholdCents: 1500 },
    });
    const today = day(t);
    const report = await t.services.payouts.run.daily(today);
    expect(report).toMatchObject({ paid: 1, failed: 0, unfinished: 0, paidCents: share });
    // The same day again pays nobody twice.
    expect((await t.services.payouts.run.daily(today)).paid).toBe(0);
    mine = (await callAs(t, "GET", "/api/v1/readers/me/payouts", cookie)).json();
    expect(mine).toMatchObject({ availableCents: 0, pendingCents: 0, inTransitCents: 0, paidCents: share });
    expect(mine.history.items).toEqual([
      expect.objectContaining({
        amountCents: share,
        status: "paid",
        trigger: "auto",
        providerTransferId: expect.stringMatching(/^tr_sandbox_/),
      }),
    ]);
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(0);
    expect(await t.services.ledger.houseBalance("paid_out")).toBeGreaterThanOrEqual(share);
    expect(await t.services.ledger.houseBalance("payouts_in_transit")).toBe(0);
    // The chart shows the tip by source, on its day, week and month.
    const tipDay = mine.chart.days.find((bucket: { totalCents: number }) => bucket.totalCents > 0);
    expect(tipDay.sources).toMatchObject({ tips: share, readings: 0 });
    expect(mine.chart.days).toHaveLength(30);
    expect(mine.chart.weeks).toHaveLength(12);
    expect(mine.chart.months).toHaveLength(12);
    const email = await t.latestEmail(user.email, "payout-paid");
    expect(email?.subject).toBe(`Your payout of $${(share / 100).toFixed(2)} is on its way`);
    const audit = await t.database.pool.query(
      "select count(*)::int as n from audit_log where action = 'payout.created' and details->>'readerUserId' = $1",
      [user.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it("keeps a reader's own threshold, and skips readers below it or not onboarded", async () => {
    const { user, cookie } = await onboardedReader();
    const bad = await callAs(t, "PUT", "/api/v1/readers/me/payouts/threshold", cookie, {
      thresholdCents: 1499,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("INVALID_AMOUNT");
    const typed = await callAs(t, "PUT", "/api/v1/readers/me/payouts/threshold", cookie, {
      thresholdCents: "5000",
    });
    expect(typed.statusCode).toBe(400);
    expect(
      (await callAs(t, "PUT", "/api/v1/readers/me/payouts/threshold", cookie, { thresholdCents: 5_000 }))
        .statusCode,
    ).toBe(204);
    await earn(t, user.id, 5_000); // 3,500: under the reader's $50.00
    const idle = await t.createReader();
    await earn(t, idle.user.id, 5_000); // never onboarded
    await t.services.payouts.run.daily(day(t));
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(3_500);
    expect(await t.services.ledger.balance(idle.user.id, "earnings")).toBe(3_500);
    const mine = (await callAs(t, "GET", "/api/v1/readers/me/payouts", cookie)).json();
    expect(mine).toMatchObject({
      availableCents: 3_500,
      account: { thresholdCents: 5_000, ownThresholdCents: 5_000 },
    });
  });

  it("lets admins hold, release and pay now, each once, with a reason in the audit log", async () => {
    const { user } = await onboardedReader();
    const admin = await t.signedIn("admin");
    const share = await earn(t, user.id, 10_000);
    const base = `/api/v1/admin/payouts/readers/${user.id}`;
    expect((await callAs(t, "POST", `${base}/hold`, admin.cookie, { reason: "" })).statusCode).toBe(400);
    const held = await callAs(t, "POST", `${base}/hold`, admin.cookie, { reason: "Identity check pending" });
    expect(held.statusCode, held.body).toBe(200);
    expect(
      (await callAs(t, "POST", `${base}/hold`, admin.cookie, { reason: "again" })).json().error.code,
    ).toBe("INVALID_TRANSITION");
    await t.services.payouts.run.daily(day(t));
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(share);
    const refused = await callAs(t, "POST", `${base}/pay-now`, admin.cookie, {
      reason: "Paid by hand",
      idempotencyKey: "pay-now-held-1",
    });
    expect(refused.json().error.code).toBe("PAYOUTS_HELD");
    expect((await callAs(t, "POST", `${base}/release`, admin.cookie, { reason: "Checked" })).statusCode).toBe(
      200,
    );
    const body = { reason: "Reader asked before a holiday", idempotencyKey: `pay-now-${randomUUID()}` };
    const [first, second] = await Promise.all([
      callAs(t, "POST", `${base}/pay-now`, admin.cookie, body),
      callAs(t, "POST", `${base}/pay-now`, admin.cookie, body),
    ]);
    expect(first?.statusCode, first?.body).toBe(200);
    expect(second?.statusCode, second?.body).toBe(200);
    expect(first?.json().payout.id).toBe(second?.json().payout.id);
    // The second may answer while the first still waits for the provider: one payout, paid once.
    const statuses = [first?.json().payout.status, second?.json().payout.status];
    expect(statuses).toContain("paid");
    expect(first?.json().payout).toMatchObject({ amountCents: share, trigger: "manual" });
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(0);
    const nothing = await callAs(t, "POST", `${base}/pay-now`, admin.cookie, {
      reason: "again",
      idempotencyKey: `pay-now-${randomUUID()}`,
    });
    expect(nothing.json().error.code).toBe("NOTHING_TO_PAY");
    const actions = await t.database.pool.query(
      "select action, details->>'reason' as reason from audit_log where object_id = $1 or details->>'readerUserId' = $1 order by created_at",
      [user.id],
    );
    expect(actions.rows.map((row) => row.action)).toEqual([
      "payouts.held",
      "payouts.released",
      "payout.created",
    ]);
    const list = await callAs(t, "GET", `/api/v1/admin/payouts?readerUserId=${user.id}`, admin.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
  });

  it("answers each role as it may", async () => {
    const client = await t.signedIn("client");
    const reader = await t.createReader();
    const readerCookie = await t.signIn(reader.user.email);
    const admin = await t.signedIn("admin");
    for (const [method, url] of [
      ["GET", "/api/v1/readers/me/payouts"],
      ["GET", "/api/v1/readers/me/payouts/history"],
      ["POST", "/api/v1/readers/me/payouts/account"],
    ] as const) {
      expect((await callAs(t, method, url, null)).statusCode).toBe(401);
      const asClient = await callAs(t, method, url, client.cookie);
      expect(asClient.statusCode, asClient.body).toBe(403);
      expect((await callAs(t, method, url, admin.cookie)).statusCode).toBe(403);
    }
    for (const url of ["/api/v1/admin/payouts"]) {
      expect((await callAs(t, "GET", url, null)).statusCode).toBe(401);
      expect((await callAs(t, "GET", url, readerCookie)).statusCode).toBe(403);
      expect((await callAs(t, "GET", url, admin.cookie)).statusCode).toBe(200);
    }
    const payNow = `/api/v1/admin/payouts/readers/${reader.user.id}/pay-now`;
    expect(
      (await callAs(t, "POST", payNow, readerCookie, { reason: "mine", idempotencyKey: "abcdefgh1" }))
        .statusCode,
    ).toBe(403);
    // Another reader's sandbox account is not theirs to finish.
    const other = await onboardedReader();
    const stranger = await callAs(
      t,
      "POST",
      `/api/v1/sandbox/connect/${other.accountId}/complete`,
      readerCookie,
    );
    expect(stranger.statusCode).toBe(404);
    expect(
      (await callAs(t, "POST", "/api/v1/sandbox/connect/acct_other/complete", readerCookie)).statusCode,
    ).toBe(400);
  });
});

describe("the refund window", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("pays a share only 24 hours after it was earned", async () => {
    const { user, cookie } = await sandboxReader(t);
    const share = await earn(t, user.id, 3_000);
    const mine = (await callAs(t, "GET", "/api/v1/readers/me/payouts", cookie)).json();
    expect(mine).toMatchObject({ availableCents: 0, pendingCents: share, pendingHours: 24 });
    expect((await t.services.payouts.run.daily(day(t))).paid).toBe(0);
    t.clock.advance(23 * HOUR_MS);
    expect((await t.services.payouts.run.daily(day(t))).paid).toBe(0);
    t.clock.advance(1 * HOUR_MS + 1);
    expect(await t.services.payouts.run.daily(day(t))).toMatchObject({ paid: 1, paidCents: share });
  });
});

describe("payouts through Stripe Connect (local fake)", () => {
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

  it("accepts connected accounts' events signed by the Connect endpoint's own secret, and no other", async () => {
    const { user } = await t.createReader();
    const cookie = await t.signIn(user.email);
    expect((await callAs(t, "POST", "/api/v1/readers/me/payouts/account", cookie)).statusCode).toBe(200);
    const found = await t.database.pool.query(
      "select provider_account_id from payout_accounts where reader_user_id = $1",
      [user.id],
    );
    const account = {
      id: found.rows[0].provider_account_id,
      object: "account",
      payouts_enabled: true,
      details_submitted: true,
    };
    const forged = await deliverStripeEvent(t, "account.updated", account, "whsec_guessed_secret");
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe("INVALID_SIGNATURE");
    const viaConnect = await deliverStripeEvent(
      t,
      "account.updated",
      account,
      PAYOUTS_CONNECT_WEBHOOK_SECRET,
    );
    expect(viaConnect.json().outcome).toBe("payout_account_ready");
  });

  it("makes one transfer per payout with Stripe's shape, through 429s and server errors", async () => {
    const { user, accountId } = await stripeReader(t);
    const share = await earn(t, user.id, 4_000);
    stripe.fail(429, 2);
    stripe.fail(500, 1);
    const report = await t.services.payouts.run.daily(day(t));
    expect(report).toMatchObject({ paid: 1, unfinished: 0 });
    const made = stripe.transfers.filter((transfer) => transfer.destination === accountId);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      amount: share,
      currency: "usd",
      idempotencyKey: expect.stringMatching(/^payout-/),
    });
    const attempts = stripe.requests.filter((request) => request.idempotencyKey === made[0]?.idempotencyKey);
    expect(attempts).toHaveLength(4); // two 429s, one 500, then the transfer, all with one key
  });

  it("leaves a payout in transit when the provider keeps failing, and the next run finishes it", async () => {
    const { user, accountId } = await stripeReader(t);
    const share = await earn(t, user.id, 2_500);
    stripe.fail(503, 5);
    const first = await t.services.payouts.run.daily(day(t));
    expect(first).toMatchObject({ paid: 0, unfinished: 1 });
    const mine = (await callAs(t, "GET", "/api/v1/readers/me/payouts", await t.signIn(user.email))).json();
    expect(mine.inTransitCents).toBe(share);
    const second = await t.services.payouts.run.daily(day(t));
    expect(second.reconciled).toBe(1);
    expect(stripe.transfers.filter((transfer) => transfer.destination === accountId)).toHaveLength(1);
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(0);
  });

  it("returns a refused payout to earnings with the reason, and an admin retries it once", async () => {
    const { user, accountId } = await stripeReader(t);
    const admin = await t.signedIn("admin");
    const share = await earn(t, user.id, 3_000);
    stripe.refuse(accountId);
    const report = await t.services.payouts.run.daily(day(t));
    expect(report).toMatchObject({ paid: 0, failed: 1 });
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(share);
    const failed = (
      await callAs(t, "GET", `/api/v1/admin/payouts?readerUserId=${user.id}&status=failed`, admin.cookie)
    ).json().items[0];
    expect(failed.failureReason).toMatch(/capabilities enabled: transfers/);
    expect((await t.latestEmail(user.email, "payout-failed"))?.subject).toMatch(/did not go through/);
    // Still refused: the retry fails too, and the failed payout can be retried only once.
    const retried = await callAs(t, "POST", `/api/v1/admin/payouts/${failed.id}/retry`, admin.cookie, {
      reason: "Account fixed",
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().payout).toMatchObject({ trigger: "retry", status: "failed" });
    const again = await callAs(t, "POST", `/api/v1/admin/payouts/${failed.id}/retry`, admin.cookie, {
      reason: "Account fixed",
    });
    expect(again.json().payout.id).toBe(retried.json().payout.id);
    const paid = await callAs(t, "POST", `/api/v1/admin/payouts/${randomUUID()}/retry`, admin.cookie, {
      reason: "No such one",
    });
    expect(paid.statusCode).toBe(404);
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(share);
  });

  it("takes a reversed transfer back into earnings, once, and tells the reader", async () => {
    const { user } = await stripeReader(t);
    const share = await earn(t, user.id, 2_200);
    await t.services.payouts.run.daily(day(t));
    const paid = (
      await t.database.pool.query("select id, provider_transfer_id from payouts where reader_user_id = $1", [
        user.id,
      ])
    ).rows[0];
    const reversal = {
      id: paid.provider_transfer_id,
      object: "transfer",
      reversed: true,
      amount_reversed: share,
    };
    expect((await deliverStripeEvent(t, "transfer.reversed", reversal)).json().outcome).toBe(
      "payout_reversed",
    );
    expect((await deliverStripeEvent(t, "transfer.reversed", reversal)).json().outcome).toBe(
      "already_reversed",
    );
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(share);
    const history = await callAs(t, "GET", "/api/v1/readers/me/payouts/history", await t.signIn(user.email));
    expect(history.json().items[0]).toMatchObject({
      status: "reversed",
      failureReason: "The payout provider reversed the transfer.",
    });
    expect((await t.latestEmail(user.email, "payout-reversed"))?.subject).toMatch(/was reversed/);
  });
});
