import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { callAs, earn, sandboxReader } from "../../../test/payouts-kit.js";
import { READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";
import type { FigurePeriod, Figures, FiguresBucket } from "./figures.schemas.js";
import { bucketStarts } from "./figures.service.js";

const day = (date: Date) => date.toISOString().slice(0, 10);

describe("figure buckets", () => {
  it("covers 30 UTC days, 12 ISO weeks from Monday and 12 months, the current one last", () => {
    const now = new Date("2027-01-06T23:59:59.999Z"); // a Wednesday
    const days = bucketStarts("day", now).map(day);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe("2026-12-08");
    expect(days.at(-1)).toBe("2027-01-06");
    const weeks = bucketStarts("week", now).map(day);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toBe("2027-01-04");
    expect(weeks[0]).toBe("2026-10-19");
    expect(bucketStarts("week", new Date("2027-01-04T00:00:00Z")).map(day).at(-1)).toBe("2027-01-04");
    expect(bucketStarts("week", new Date("2027-01-03T12:00:00Z")).map(day).at(-1)).toBe("2026-12-28");
    const months = bucketStarts("month", now).map(day);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2026-02-01");
    expect(months.at(-1)).toBe("2027-01-01");
  });
});

describe("admin key figures", () => {
  let t: TestApp;
  let kit: ReturnType<typeof readingKit>;
  let admin: { cookie: string };
  beforeAll(async () => {
    // Earnings are available at once, so a reader can be paid out in the test.
    t = await createTestApp({ ...READING_TEST_ENV, PAYOUT_PENDING_HOURS: "0", PAYOUT_MIN_CENTS: "100" });
    kit = readingKit(t, await t.app.listen({ port: 0, host: "127.0.0.1" }));
    admin = await t.signedIn("admin");
  });
  afterAll(async () => {
    await t.close();
  });

  async function figures(period: FigurePeriod = "day"): Promise<Figures> {
    const response = await callAs(t, "GET", `/api/v1/admin/figures?period=${period}`, admin.cookie);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  /** The bucket holding this moment's UTC day (the latest bucket starting on or before it). */
  function bucketOf(result: Figures, moment: Date): FiguresBucket {
    const found = result.buckets.filter((bucket) => bucket.start <= day(moment)).at(-1);
    if (!found) throw new Error(`no bucket holds ${day(moment)}`);
    return found;
  }

  /** What changed in the bucket holding `moment`, for each period, between two readings. */
  async function changeOf(moment: Date, act: () => Promise<unknown>) {
    const periods = ["day", "week", "month"] as const;
    const before = await Promise.all(periods.map((period) => figures(period)));
    await act();
    const after = await Promise.all(periods.map((period) => figures(period)));
    return periods.map((period, index) => {
      const was = bucketOf(before[index] as Figures, moment);
      const now = bucketOf(after[index] as Figures, moment);
      return {
        period,
        moneyInCents: now.moneyInCents - was.moneyInCents,
        platformRevenueCents: now.platformRevenueCents - was.platformRevenueCents,
        readerEarningsCents: now.readerEarningsCents - was.readerEarningsCents,
        payoutsCents: now.payoutsCents - was.payoutsCents,
        refundsCents: now.refundsCents - was.refundsCents,
        disputesCents: now.disputesCents - was.disputesCents,
      };
    });
  }

  const unchanged = {
    moneyInCents: 0,
    platformRevenueCents: 0,
    readerEarningsCents: 0,
    payoutsCents: 0,
    refundsCents: 0,
    disputesCents: 0,
  };
  const expectEachPeriod = (changes: { period: string }[], expected: Partial<typeof unchanged>) => {
    for (const change of changes)
      expect(change).toEqual({ period: change.period, ...unchanged, ...expected });
  };

  it("answers admins only, with every bucket present, and refuses a bad period with a code", async () => {
    const url = "/api/v1/admin/figures?period=week";
    expect((await callAs(t, "GET", url, null)).statusCode).toBe(401);
    for (const role of ["client", "reader"] as const) {
      const other = await t.signedIn(role);
      expect((await callAs(t, "GET", url, other.cookie)).statusCode).toBe(403);
    }
    for (const bad of ["year", "DAY", ""]) {
      const refused = await callAs(t, "GET", `/api/v1/admin/figures?period=${bad}`, admin.cookie);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.code).toBe("VALIDATION_FAILED");
    }
    const byDefault = await callAs(t, "GET", "/api/v1/admin/figures", admin.cookie);
    expect(byDefault.json().period).toBe("day");
    const now = t.clock.now();
    for (const [period, count] of [
      ["day", 30],
      ["week", 12],
      ["month", 12],
    ] as const) {
      const result = await figures(period);
      expect(result.period).toBe(period);
      expect(result.buckets.map((bucket) => bucket.start)).toEqual(bucketStarts(period, now).map(day));
      expect(result.buckets).toHaveLength(count);
      for (const bucket of result.buckets)
        for (const value of Object.values(bucket).filter((value) => typeof value === "number"))
          expect(Number.isSafeInteger(value)).toBe(true);
    }
    // This file's accounts: the admin and the two above (all made today, within 30 days).
    expect((await figures("day")).totals.newUsers).toBe(await t.count("users"));
  });

  it("counts a top-up as money in, in its bucket of every period", async () => {
    const client = await t.signedIn("client");
    const moment = t.clock.now();
    const changes = await changeOf(moment, async () => {
      const started = await callAs(t, "POST", "/api/v1/wallet/top-ups", client.cookie, {
        amountCents: 2_500,
      });
      expect(started.statusCode, started.body).toBe(201);
      const checkoutId = new URL(started.json().topUp.checkoutUrl).pathname.split("/").at(-1);
      const paid = await callAs(t, "POST", `/api/v1/sandbox/checkout/${checkoutId}/complete`, client.cookie, {
        outcome: "pay",
      });
      expect(paid.json().topUp.status).toBe("succeeded");
    });
    expectEachPeriod(changes, { moneyInCents: 2_500 });
  });

  it("splits a reading's charge 70/30, counts it live, and takes a refund back from both", async () => {
    const reading = await kit.activeReading(2_000);
    expect((await figures("day")).activeReadingsNow).toBe(1);
    t.clock.advance(150_000);
    const endedAt = t.clock.now();
    const charged = await changeOf(endedAt, async () => {
      const ended = await kit.call(
        "POST",
        `/api/v1/readings/${reading.readingId}/end`,
        reading.client.cookie,
      );
      expect(ended.json().reading).toMatchObject({ chargedCents: 497 });
    });
    // 150 s at $1.99 a minute: 497 charged, 347 (70 %, floored) to the reader, 150 to the platform.
    expectEachPeriod(charged, { readerEarningsCents: 347, platformRevenueCents: 150 });
    reading.clientLive.close();
    reading.readerLive.close();
    expect((await figures("day")).activeReadingsNow).toBe(0);

    const refunded = await changeOf(t.clock.now(), async () => {
      const response = await kit.call(
        "POST",
        `/api/v1/admin/readings/${reading.readingId}/refunds`,
        admin.cookie,
        {
          amountCents: 200,
          reason: "The connection kept dropping",
          idempotencyKey: `figures-${randomUUID()}`,
        },
      );
      expect(response.json()).toMatchObject({ readerCents: 139, platformCents: 61 });
    });
    // The refund is counted where it lands (the wallet); the platform's net revenue falls by its part.
    expectEachPeriod(refunded, { refundsCents: 200, platformRevenueCents: -61 });
  });

  it("counts a confirmed payout, and money taken back by a card dispute", async () => {
    const { user } = await sandboxReader(t);
    const share = await earn(t, user.id, 1_000);
    expect(share).toBe(700);
    const paid = await changeOf(t.clock.now(), async () => {
      const response = await callAs(
        t,
        "POST",
        `/api/v1/admin/payouts/readers/${user.id}/pay-now`,
        admin.cookie,
        {
          reason: "Figures test",
          idempotencyKey: `figures-${randomUUID()}`,
        },
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().payout).toMatchObject({ amountCents: 700, status: "paid" });
    });
    expectEachPeriod(paid, { payoutsCents: 700 });

    // A client with $3.00 disputes $5.00: $3.00 from the wallet, $2.00 booked as owed.
    const client = await t.createUser("client");
    await kit.fund(client.id, 300);
    const disputed = await changeOf(t.clock.now(), async () => {
      const taken = await t.services.ledger.recoverFromWallet(
        {
          idempotencyKey: `figures-chargeback-${randomUUID()}`,
          userId: client.id,
          amountCents: 500,
          code: "chargeback",
          references: { providerPaymentId: `pi_figures_${randomUUID()}` },
          freeze: false,
        },
        t.database.db,
      );
      expect(taken).toMatchObject({ fromWalletCents: 300, owedCents: 200 });
    });
    expectEachPeriod(disputed, { disputesCents: 500 });
  });

  it("adds up over all time to what the ledger holds, and shows the latest ledger check", async () => {
    const result = await figures("month");
    const sql = async (text: string) =>
      Number((await t.database.pool.query<{ total: string }>(text)).rows[0]?.total ?? 0);
    // Read independently: by transfer (not by entry code) and from the accounts' cached balances.
    const credited = (code: string, kind: string) =>
      sql(`select coalesce(sum(e.amount_cents), 0)::text as total
           from ledger_transfers t join ledger_entries e on e.transfer_id = t.id
           join ledger_accounts a on a.id = e.account_id
           where t.code = '${code}' and a.kind = '${kind}' and e.amount_cents > 0`);
    const balance = (kind: string) =>
      sql(
        `select coalesce(sum(balance_cents), 0)::text as total from ledger_accounts where kind = '${kind}'`,
      );
    expect(result.totals.moneyInCents).toBe(await credited("top_up", "wallet"));
    expect(result.totals.moneyInCents).toBe(2_500);
    expect(result.totals.platformRevenueCents).toBe(await balance("platform_revenue"));
    expect(result.totals.platformRevenueCents).toBe(150 - 61 + 300);
    expect(result.totals.payoutsCents).toBe(await balance("paid_out"));
    expect(result.totals.payoutsCents).toBe(700);
    expect(result.totals.refundsCents).toBe(await credited("refund", "wallet"));
    expect(result.totals.refundsCents).toBe(200);
    expect(result.totals.disputesCents).toBe(await credited("chargeback", "payment_clearing"));
    expect(result.totals.disputesCents).toBe(500);
    // What readers earned, less what refunds took back and what was paid out, is what they hold.
    const earningsTaken = await sql(`select coalesce(-sum(e.amount_cents), 0)::text as total
      from ledger_entries e join ledger_accounts a on a.id = e.account_id
      where a.kind = 'earnings' and e.amount_cents < 0`);
    expect(result.totals.readerEarningsCents).toBe(347 + 700);
    expect(result.totals.readerEarningsCents - earningsTaken).toBe(await balance("earnings"));
    const accounts = await t.database.pool.query<{ users: number; readers: number }>(
      "select count(*)::int as users, (count(*) filter (where role = 'reader'))::int as readers from users",
    );
    expect(result.totals).toMatchObject({
      newUsers: accounts.rows[0]?.users,
      newReaders: accounts.rows[0]?.readers,
    });
    expect(result.totals.newReaders).toBeGreaterThanOrEqual(3);
    for (const name of ["moneyInCents", "platformRevenueCents", "payoutsCents", "refundsCents"] as const) {
      const days = (await figures("day")).buckets.reduce((sum, bucket) => sum + bucket[name], 0);
      const weeks = (await figures("week")).buckets.reduce((sum, bucket) => sum + bucket[name], 0);
      expect([days, weeks]).toEqual([result.totals[name], result.totals[name]]);
    }

    const verified = await callAs(t, "GET", "/api/v1/admin/ledger/verify", admin.cookie);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().ok).toBe(true);
    expect((await figures("day")).lastLedgerCheck).toEqual({
      at: verified.json().checkedAt,
      ok: true,
      violations: 0,
    });
  });
});
