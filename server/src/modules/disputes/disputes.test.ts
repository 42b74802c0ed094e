import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { callAs, sandboxTopUp } from "../../../test/payouts-kit.js";
import { readerSharesOfDisputed } from "../ledger/ledger.disputes.repository.js";
import { canMove, DISPUTE_STATUSES } from "./disputes.state.js";

describe("the disputed charges' readers' shares", () => {
  const charge = (chargedCents: number, readerCents: number, refundedCents = 0, readerUserId = "a") => ({
    chargeRef: randomUUID(),
    firstAt: new Date(),
    readerUserId,
    chargedCents,
    readerCents,
    refundedCents,
  });

  it("walks the charges oldest first, each in its own proportion, floored, the rest the platform's", () => {
    const { byReader, lossCents } = readerSharesOfDisputed(
      [charge(1_000, 700, 0, "a"), charge(999, 699, 0, "b"), charge(5_000, 3_500, 0, "a")],
      2_500,
    );
    // 1,000 of the first (700 to a), 999 of the second (699 to b), 501 of the third (floor(501 × 0.7) = 350).
    expect(Object.fromEntries(byReader)).toEqual({ a: 1_050, b: 699 });
    expect(lossCents).toBe(2_500 - 1_050 - 699);
  });

  it("skips what refunds gave back, and books everything no charge explains as the platform's loss", () => {
    const { byReader, lossCents } = readerSharesOfDisputed(
      [charge(1_000, 700, 1_000), charge(1_000, 700, 400), { ...charge(300, 0), readerUserId: null }],
      5_000,
    );
    expect(Object.fromEntries(byReader)).toEqual({ a: 420 });
    expect(lossCents).toBe(5_000 - 420);
  });

  it("moves a dispute only from open, to won or lost", () => {
    for (const from of DISPUTE_STATUSES)
      for (const to of DISPUTE_STATUSES)
        expect(canMove(from, to), `${from} → ${to}`).toBe(from === "open" && to !== "open");
  });
});

describe("card disputes, booked from signed events and resolved by admins", () => {
  let t: TestApp;
  let admin: { cookie: string; user: { id: string } };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signedIn("admin");
  });
  afterAll(async () => {
    await t.close();
  });

  const topUp = (cookie: string, amountCents: number) => sandboxTopUp(t, cookie, amountCents);

  const disputeEvent = (type: "created" | "closed", object: Record<string, unknown>) =>
    t.services.payments.deliverSandboxEvent(`charge.dispute.${type}`, { object: "dispute", ...object });

  async function openDispute(paymentId: string, amountCents: number) {
    const disputeId = `dp_${randomUUID().replaceAll("-", "")}`;
    const opened = await disputeEvent("created", {
      id: disputeId,
      amount: amountCents,
      reason: "fraudulent",
      payment_intent: paymentId,
    });
    expect(opened.outcome).toBe("chargeback_booked");
    const list = await callAs(t, "GET", "/api/v1/admin/disputes?status=open&limit=100", admin.cookie);
    const row = (list.json().items as { id: string; providerDisputeId: string }[]).find(
      (item) => item.providerDisputeId === disputeId,
    );
    if (!row) throw new Error("the dispute is not in the queue");
    return { disputeId, id: row.id };
  }

  const house = (kind: "chargeback_receivable" | "dispute_losses" | "platform_revenue") =>
    t.services.ledger.houseBalance(kind);

  it("a lost dispute takes the readers' part of the disputed charges back and books the rest as the platform's loss", async () => {
    const client = await t.signedIn("client");
    const { user: paidOut } = await t.createReader();
    const { user: earning } = await t.createReader();
    const { paymentId } = await topUp(client.cookie, 5_000);
    // Spent from the disputed money: a gift of $10.00 to one reader, then a reading of $20.00
    // (a hold captured) with another; the first reader's earnings were paid out since.
    await t.services.ledger.chargeWithSplit({
      idempotencyKey: `gift-${randomUUID()}`,
      code: "gift",
      payerUserId: client.user.id,
      readerUserId: paidOut.id,
      amountCents: 1_000,
    });
    await t.services.ledger.transfer({
      idempotencyKey: `payout-${randomUUID()}`,
      code: "payout",
      legs: [
        {
          from: { kind: "earnings", userId: paidOut.id },
          to: { kind: "payouts_in_transit" },
          amountCents: 700,
        },
      ],
    });
    const readingId = randomUUID();
    const hold = await t.services.ledger.hold({
      idempotencyKey: `hold-${randomUUID()}`,
      userId: client.user.id,
      amountCents: 2_500,
      code: "session_charge",
      references: { readingId },
    });
    await t.services.ledger.captureHold({
      idempotencyKey: `capture-${randomUUID()}`,
      holdId: hold.id,
      amountCents: 2_000,
      readerUserId: earning.id,
      code: "session_charge",
    });
    expect(await t.services.ledger.balance(client.user.id)).toBe(2_000);

    const receivableBefore = await house("chargeback_receivable");
    const lossesBefore = await house("dispute_losses");
    const revenueBefore = await house("platform_revenue");
    const { disputeId, id } = await openDispute(paymentId, 5_000);
    expect(await t.services.ledger.balance(client.user.id)).toBe(0);
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(true);
    const queue = await callAs(t, "GET", "/api/v1/admin/disputes?status=open&limit=100", admin.cookie);
    expect(queue.json().items.find((item: { id: string }) => item.id === id)).toMatchObject({
      status: "open",
      amountCents: 5_000,
      fromWalletCents: 2_000,
      owedCents: 3_000,
      reason: "fraudulent",
      clientUserId: client.user.id,
      wallet: { balanceCents: 0 },
    });
    expect(queue.json().items.find((item: { id: string }) => item.id === id).wallet.frozenAt).not.toBeNull();
    // A second delivery of the same dispute (another event id) books nothing twice.
    expect(
      (await disputeEvent("created", { id: disputeId, amount: 5_000, payment_intent: paymentId })).outcome,
    ).toBe("dispute_already_recorded");

    const lost = await disputeEvent("closed", { id: disputeId, status: "lost", payment_intent: paymentId });
    expect(lost.outcome).toBe("chargeback_written_off");
    // Owed 3,000: the gift (700 the reader's, 300 the platform's) and the reading (1,400 and 600).
    expect(await t.services.ledger.balance(paidOut.id, "earnings")).toBe(0);
    expect(await t.services.ledger.balance(paidOut.id, "receivable")).toBe(-700);
    expect(await t.services.ledger.balance(earning.id, "earnings")).toBe(0);
    expect(await house("chargeback_receivable")).toBe(receivableBefore);
    expect(lossesBefore - (await house("dispute_losses"))).toBe(900);
    expect(await house("platform_revenue")).toBe(revenueBefore);
    const closed = await callAs(t, "GET", "/api/v1/admin/disputes?status=lost&limit=100", admin.cookie);
    expect(closed.json().items.find((item: { id: string }) => item.id === id)).toMatchObject({
      status: "lost",
      readersCents: 2_100,
      lossCents: 900,
      closedBy: "provider",
    });
    // Lost, the wallet stays frozen until an admin looks at it and unfreezes it.
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(true);
    const again = await disputeEvent("closed", { id: disputeId, status: "won", payment_intent: paymentId });
    expect(again.outcome).toBe("ignored_lost");
    const unfrozen = await callAs(t, "POST", `/api/v1/admin/disputes/${id}/unfreeze`, admin.cookie, {
      reason: "Spoke with the client; card replaced",
    });
    expect(unfrozen.statusCode, unfrozen.body).toBe(200);
    expect(unfrozen.json().wallet.frozenAt).toBeNull();
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(false);
    const audit = await t.database.pool.query<{ action: string }>(
      "select action from audit_log where object_id in ($1, $2) order by created_at, action",
      [id, client.user.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      "dispute.opened",
      "dispute.lost",
      "wallet.unfrozen",
    ]);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("an admin resolves a dispute won: the chargeback reversed, the wallet unfrozen, once", async () => {
    const client = await t.signedIn("client");
    const { paymentId } = await topUp(client.cookie, 3_000);
    const { user: reader } = await t.createReader();
    await t.services.ledger.chargeWithSplit({
      idempotencyKey: `tip-${randomUUID()}`,
      code: "tip",
      payerUserId: client.user.id,
      readerUserId: reader.id,
      amountCents: 1_000,
    });
    const receivableBefore = await house("chargeback_receivable");
    const { id, disputeId } = await openDispute(paymentId, 3_000);
    expect(receivableBefore - (await house("chargeback_receivable"))).toBe(1_000);
    const won = await callAs(t, "POST", `/api/v1/admin/disputes/${id}/resolve`, admin.cookie, {
      outcome: "won",
      reason: "Stripe's dashboard shows the dispute won",
    });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ status: "won", closedBy: admin.user.id, wallet: { frozenAt: null } });
    expect(await t.services.ledger.balance(client.user.id)).toBe(2_000);
    expect(await house("chargeback_receivable")).toBe(receivableBefore);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(700);
    const twice = await callAs(t, "POST", `/api/v1/admin/disputes/${id}/resolve`, admin.cookie, {
      outcome: "lost",
      reason: "changed my mind",
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("INVALID_TRANSITION");
    // The processor's own closing event after the admin's answer changes nothing.
    expect((await disputeEvent("closed", { id: disputeId, status: "won" })).outcome).toBe("ignored_won");
    expect(await t.services.ledger.balance(client.user.id)).toBe(2_000);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("keeps the wallet frozen while another dispute of the client is open; unfreeze waits for it", async () => {
    const client = await t.signedIn("client");
    const first = await topUp(client.cookie, 1_000);
    const second = await topUp(client.cookie, 1_000);
    const a = await openDispute(first.paymentId, 1_000);
    const b = await openDispute(second.paymentId, 1_000);
    const won = await callAs(t, "POST", `/api/v1/admin/disputes/${a.id}/resolve`, admin.cookie, {
      outcome: "won",
      reason: "Evidence accepted",
    });
    expect(won.statusCode, won.body).toBe(200);
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(true);
    const early = await callAs(t, "POST", `/api/v1/admin/disputes/${a.id}/unfreeze`, admin.cookie, {
      reason: "trying early",
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("DISPUTE_OPEN");
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(true);
    const lost = await callAs(t, "POST", `/api/v1/admin/disputes/${b.id}/resolve`, admin.cookie, {
      outcome: "lost",
      reason: "The bank sided with the cardholder",
    });
    expect(lost.statusCode, lost.body).toBe(200);
    // Nothing was spent from the second top-up: nothing was owed, nothing to write off.
    expect(lost.json()).toMatchObject({ status: "lost", owedCents: 0, readersCents: 0, lossCents: 0 });
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(true);
    const unfrozen = await callAs(t, "POST", `/api/v1/admin/disputes/${b.id}/unfreeze`, admin.cookie, {
      reason: "Both disputes closed",
    });
    expect(unfrozen.statusCode, unfrozen.body).toBe(200);
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(false);
  });

  it("two admins resolving one dispute at once: one answer wins, the other is refused", async () => {
    const client = await t.signedIn("client");
    const { paymentId } = await topUp(client.cookie, 2_000);
    const { user: reader } = await t.createReader();
    await t.services.ledger.chargeWithSplit({
      idempotencyKey: `tip-${randomUUID()}`,
      code: "tip",
      payerUserId: client.user.id,
      readerUserId: reader.id,
      amountCents: 2_000,
    });
    const { id } = await openDispute(paymentId, 2_000);
    const second = await t.signedIn("admin");
    const answers = await Promise.all([
      callAs(t, "POST", `/api/v1/admin/disputes/${id}/resolve`, admin.cookie, {
        outcome: "won",
        reason: "won it",
      }),
      callAs(t, "POST", `/api/v1/admin/disputes/${id}/resolve`, second.cookie, {
        outcome: "lost",
        reason: "lost it",
      }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.statusCode === 200)?.json();
    // Exactly one of the two moved money: either the reversal or the write-off, never both.
    if (winner.status === "won") {
      expect(await t.services.ledger.balance(client.user.id)).toBe(0);
      expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(1_400);
    } else {
      expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(0);
      expect(winner).toMatchObject({ readersCents: 1_400, lossCents: 600 });
    }
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("lets an admin open a sandbox dispute of a paid top-up, through the signed webhook path", async () => {
    const client = await t.signedIn("client");
    const { id: topUpId } = await topUp(client.cookie, 1_500);
    const url = `/api/v1/admin/sandbox/top-ups/${topUpId}/dispute`;
    expect((await callAs(t, "POST", url, null)).statusCode).toBe(401);
    expect((await callAs(t, "POST", url, client.cookie)).statusCode).toBe(403);
    const unknown = await callAs(
      t,
      "POST",
      `/api/v1/admin/sandbox/top-ups/${randomUUID()}/dispute`,
      admin.cookie,
    );
    expect(unknown.statusCode).toBe(404);
    const opened = await callAs(t, "POST", url, admin.cookie);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json().outcome).toBe("chargeback_booked");
    const wallet = await callAs(t, "GET", "/api/v1/wallet", client.cookie);
    expect(wallet.json()).toMatchObject({ balanceCents: 0, frozen: true });
    const lookup = await callAs(t, "GET", `/api/v1/admin/wallets/${client.user.id}`, admin.cookie);
    expect(lookup.json()).toMatchObject({ walletBalanceCents: 0, walletFrozen: true });
    const queue = await callAs(t, "GET", "/api/v1/admin/disputes?status=open&limit=100", admin.cookie);
    expect(queue.json().items.find((item: { topUpId: string }) => item.topUpId === topUpId)).toMatchObject({
      provider: "sandbox",
      amountCents: 1_500,
      fromWalletCents: 1_500,
      owedCents: 0,
      reason: "fraudulent",
    });
  });

  it("answers each role as it should, refuses bad input with a code, and changes nothing", async () => {
    const client = await t.signedIn("client");
    const { paymentId } = await topUp(client.cookie, 1_000);
    const { id } = await openDispute(paymentId, 1_000);
    const { cookie: readerCookie } = await t.signedIn("reader");
    const routes = [
      ["GET", "/api/v1/admin/disputes", undefined],
      ["POST", `/api/v1/admin/disputes/${id}/resolve`, { outcome: "won", reason: "because" }],
      ["POST", `/api/v1/admin/disputes/${id}/unfreeze`, { reason: "because" }],
    ] as const;
    for (const [method, url, body] of routes) {
      expect((await callAs(t, method, url, null, body)).statusCode, url).toBe(401);
      expect((await callAs(t, method, url, client.cookie, body)).statusCode, url).toBe(403);
      expect((await callAs(t, method, url, readerCookie, body)).statusCode, url).toBe(403);
    }
    const bad = [
      ["GET", "/api/v1/admin/disputes?status=maybe", undefined, 400],
      ["GET", "/api/v1/admin/disputes?cursor=nonsense", undefined, 400],
      ["POST", `/api/v1/admin/disputes/${id}/resolve`, { outcome: "draw", reason: "because" }, 400],
      ["POST", `/api/v1/admin/disputes/${id}/resolve`, { outcome: "won", reason: "  " }, 400],
      ["POST", `/api/v1/admin/disputes/${id}/resolve`, { outcome: "won" }, 400],
      ["POST", "/api/v1/admin/disputes/not-a-uuid/resolve", { outcome: "won", reason: "because" }, 400],
      ["POST", `/api/v1/admin/disputes/${randomUUID()}/resolve`, { outcome: "won", reason: "because" }, 404],
      ["POST", `/api/v1/admin/disputes/${id}/unfreeze`, { reason: "because" }, 409],
    ] as const;
    for (const [method, url, body, status] of bad) {
      const answer = await callAs(t, method, url, admin.cookie, body);
      expect(answer.statusCode, `${url} ${JSON.stringify(body)}`).toBe(status);
      expect(typeof answer.json().error.code).toBe("string");
    }
    const still = await callAs(t, "GET", "/api/v1/admin/disputes?status=open&limit=100", admin.cookie);
    expect(still.json().items.some((item: { id: string }) => item.id === id)).toBe(true);
    expect(await t.services.ledger.isFrozen(client.user.id)).toBe(true);
    // An event for an unknown payment or without a dispute id books nothing.
    expect(
      (await disputeEvent("created", { id: "dp_x", amount: 100, payment_intent: "pi_nobody" })).outcome,
    ).toBe("unknown_payment");
    expect((await disputeEvent("created", { amount: 100, payment_intent: paymentId })).outcome).toBe(
      "malformed_dispute",
    );
  });
});
