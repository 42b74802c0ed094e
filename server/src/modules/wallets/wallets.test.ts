import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const key = () => randomUUID().replaceAll("-", "");

async function fund(userId: string, amountCents: number) {
  await t.services.ledger.transfer({
    idempotencyKey: `fund-${key()}`,
    code: "adjustment",
    legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId }, amountCents }],
  });
}

describe("admin adjustments", () => {
  it("credits and debits a wallet with a reason, once per key, audit-logged", async () => {
    const admin = await t.signedIn("admin");
    const client = await t.createUser("client");
    const headers = { origin: TEST_ORIGIN, cookie: admin.cookie };
    const idempotencyKey = key();
    const body = {
      direction: "credit",
      amountCents: 1_500,
      reason: "Goodwill after a dropped call",
      idempotencyKey,
    };
    const url = `/api/v1/admin/wallets/${client.id}/adjustments`;
    const first = await t.app.inject({ method: "POST", url, headers, payload: body });
    const again = await t.app.inject({ method: "POST", url, headers, payload: body });
    expect(first.statusCode).toBe(200);
    expect(first.json().created).toBe(true);
    expect(again.json()).toEqual({ transferId: first.json().transferId, created: false });
    const debit = await t.app.inject({
      method: "POST",
      url,
      headers,
      payload: { direction: "debit", amountCents: 500, reason: "Duplicate credit", idempotencyKey: key() },
    });
    expect(debit.statusCode).toBe(200);
    expect(await t.services.ledger.balance(client.id)).toBe(1_000);
    const entries = await t.database.pool.query(
      "select action, details from audit_log where object_id = $1 order by created_at",
      [client.id],
    );
    expect(entries.rows.map((row) => row.action)).toEqual(["wallet.credit", "wallet.debit"]);
    expect(entries.rows[0].details.reason).toBe("Goodwill after a dropped call");
    const lookup = await t.app.inject({ method: "GET", url: `/api/v1/admin/wallets/${client.id}`, headers });
    expect(lookup.json()).toMatchObject({ walletBalanceCents: 1_000, earningsBalanceCents: 0 });
    expect(lookup.json().history.items).toHaveLength(2);
  });

  it("refuses bad adjustments with 4xx codes and moves nothing", async () => {
    const admin = await t.signedIn("admin");
    const client = await t.createUser("client");
    await fund(client.id, 100);
    const headers = { origin: TEST_ORIGIN, cookie: admin.cookie };
    const entriesBefore = await t.count("ledger_entries");
    const auditBefore = await t.count("audit_log");
    const base = { direction: "credit", amountCents: 100, reason: "a valid reason", idempotencyKey: key() };
    const cases: [string, Record<string, unknown>, number, string][] = [
      [client.id, { ...base, amountCents: -5 }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, amountCents: 0 }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, amountCents: 9.99 }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, amountCents: 10_000_000 }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, amountCents: "100" + "x" }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, reason: "" }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, direction: "sideways" }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, idempotencyKey: "short" }, 400, "VALIDATION_FAILED"],
      [client.id, { ...base, direction: "debit", amountCents: 101 }, 402, "INSUFFICIENT_FUNDS"],
      ["no-such-user", base, 404, "NOT_FOUND"],
    ];
    for (const [userId, payload, status, code] of cases) {
      const response = await t.app.inject({
        method: "POST",
        url: `/api/v1/admin/wallets/${userId}/adjustments`,
        headers,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.code, JSON.stringify(payload)).toBe(code);
    }
    expect(await t.count("ledger_entries")).toBe(entriesBefore);
    expect(await t.count("audit_log")).toBe(auditBefore);
  });
});

describe("admin refunds", () => {
  it("refunds part, then the rest, of a charge in the charge's 70/30 proportion, and never more", async () => {
    const admin = await t.signedIn("admin");
    const client = await t.createUser("client");
    const reader = await t.createUser("reader");
    await fund(client.id, 1_000);
    const charge = await t.services.ledger.chargeWithSplit({
      idempotencyKey: `charge-${key()}`,
      code: "session_charge",
      payerUserId: client.id,
      readerUserId: reader.id,
      amountCents: 1_000,
    });
    const headers = { origin: TEST_ORIGIN, cookie: admin.cookie };
    const refund = (amountCents: number, idempotencyKey = key()) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/admin/refunds",
        headers,
        payload: { transferId: charge.transferId, amountCents, reason: "Reader ended early", idempotencyKey },
      });
    const partKey = key();
    expect((await refund(400, partKey)).statusCode).toBe(200);
    expect((await refund(400, partKey)).json().created).toBe(false);
    expect(await t.services.ledger.balance(client.id)).toBe(400);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(700 - 280);
    const tooMuch = await refund(601);
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.code).toBe("INVALID_AMOUNT");
    // Racing refunds of the remainder: only one fits.
    const racing = await Promise.all([refund(600), refund(600), refund(600)]);
    expect(racing.filter((response) => response.statusCode === 200)).toHaveLength(1);
    expect(await t.services.ledger.balance(client.id)).toBe(1_000);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(0);
    const audit = await t.database.pool.query(
      "select count(*)::int as n from audit_log where action = 'charge.refunded' and object_id = $1",
      [charge.transferId],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it("refuses refunds of something that is not a client charge", async () => {
    const admin = await t.signedIn("admin");
    const client = await t.createUser("client");
    const topUpLike = await t.services.ledger.transfer({
      idempotencyKey: `credit-${key()}`,
      code: "adjustment",
      legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId: client.id }, amountCents: 500 }],
    });
    for (const transferId of [topUpLike.transferId, randomUUID()]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/admin/refunds",
        headers: { origin: TEST_ORIGIN, cookie: admin.cookie },
        payload: { transferId, amountCents: 100, reason: "testing", idempotencyKey: key() },
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it("shows the ledger check to admins", async () => {
    const admin = await t.signedIn("admin");
    const report = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/ledger/verify",
      headers: { cookie: admin.cookie },
    });
    expect(report.json()).toMatchObject({ ok: true, violations: [] });
    expect(report.json().checks).toContain("sum_is_zero");
  });
});

describe("spending limits", () => {
  it("lowers at once, raises after 24 hours, and the ledger enforces the limit on spending", async () => {
    const { user, cookie } = await t.signedIn("client");
    const reader = await t.createUser("reader");
    await fund(user.id, 10_000);
    const headers = { origin: TEST_ORIGIN, cookie };
    const set = (limitCents: number | null) =>
      t.app.inject({ method: "PUT", url: "/api/v1/wallet/limits/daily", headers, payload: { limitCents } });
    const daily = (response: { json(): { limits: { period: string }[] } }) =>
      response.json().limits.find((limit) => limit.period === "daily");

    expect(daily(await set(2_000))).toMatchObject({ limitCents: 2_000, pendingLimitCents: null });
    expect(daily(await set(1_000))).toMatchObject({ limitCents: 1_000 });
    const raised = daily(await set(5_000));
    expect(raised).toMatchObject({ limitCents: 1_000, pendingLimitCents: 5_000 });

    const spend = (amountCents: number) =>
      t.services.ledger
        .chargeWithSplit({
          idempotencyKey: `spend-${key()}`,
          code: "gift",
          payerUserId: user.id,
          readerUserId: reader.id,
          amountCents,
        })
        .then(
          () => "ok",
          (error: { code?: string }) => error.code,
        );
    expect(await spend(900)).toBe("ok");
    expect(await spend(200)).toBe("SPENDING_LIMIT_REACHED");

    t.clock.advance(24 * 60 * 60 * 1000 + 1);
    const later = await t.app.inject({ method: "GET", url: "/api/v1/wallet/limits", headers: { cookie } });
    expect(daily(later)).toMatchObject({ limitCents: 5_000, pendingLimitCents: null });

    const bad = await t.app.inject({
      method: "PUT",
      url: "/api/v1/wallet/limits/yearly",
      headers,
      payload: { limitCents: 100 },
    });
    expect(bad.statusCode).toBe(400);
    const fractional = await t.app.inject({
      method: "PUT",
      url: "/api/v1/wallet/limits/weekly",
      headers,
      payload: { limitCents: 10.5 },
    });
    expect(fractional.statusCode).toBe(400);
  });
});
