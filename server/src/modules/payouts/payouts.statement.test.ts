import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { callAs, chargeToReader, sandboxReader } from "../../../test/payouts-kit.js";
import { dollarsOf } from "./payouts.statement.js";

describe("dollars from cents", () => {
  it("formats with integer arithmetic, two decimals, and a sign", () => {
    expect([0, 5, 99, 100, 123_456, -1_205, 1_000_000_001].map(dollarsOf)).toEqual([
      "0.00",
      "0.05",
      "0.99",
      "1.00",
      "1234.56",
      "-12.05",
      "10000000.01",
    ]);
  });
});

describe("a reader's yearly earnings statement", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PAYOUT_PENDING_HOURS: "0", PAYOUT_MIN_CENTS: "100" });
  });
  afterAll(async () => {
    await t.close();
  });

  const charge = (readerUserId: string, code: "tip" | "gift", amountCents: number) =>
    chargeToReader(t, readerUserId, amountCents, code);

  it("adds up each month from the ledger: earned by source, taken back, net, paid out; and as CSV", async () => {
    t.clock.set(new Date("2026-03-10T12:00:00Z"));
    const { user, cookie } = await sandboxReader(t);
    await charge(user.id, "tip", 1_000); // 700
    await charge(user.id, "gift", 500); // 350
    t.clock.set(new Date("2026-05-02T09:00:00Z"));
    const tip = await charge(user.id, "tip", 2_000); // 1,400
    // A refund of 1,000 of the May tip takes 700 back from the reader.
    await t.database.db.transaction((tx) =>
      t.services.ledger.refundCharge(
        { idempotencyKey: `refund-${randomUUID()}`, transferId: tip.transferId, amountCents: 1_000 },
        tx,
      ),
    );
    // The daily run pays the reader's 1,750 in May.
    const report = await t.services.payouts.run.daily("2026-05-02");
    expect(report).toMatchObject({ paid: 1 });

    const answer = await callAs(t, "GET", "/api/v1/readers/me/earnings/statements/2026", cookie);
    expect(answer.statusCode, answer.body).toBe(200);
    const statement = answer.json();
    expect(statement.months).toHaveLength(12);
    expect(statement.months[2]).toMatchObject({
      month: "2026-03",
      sources: { tips: 700, gifts: 350, readings: 0 },
      earnedCents: 1_050,
      takenBackCents: 0,
      netCents: 1_050,
      paidOutCents: 0,
    });
    expect(statement.months[4]).toMatchObject({
      month: "2026-05",
      sources: { tips: 1_400 },
      earnedCents: 1_400,
      takenBackCents: 700,
      netCents: 700,
      paidOutCents: 1_750,
    });
    expect(statement.months[0]).toMatchObject({ earnedCents: 0, paidOutCents: 0 });
    expect(statement.totals).toMatchObject({
      sources: { tips: 2_100, gifts: 350 },
      earnedCents: 2_450,
      takenBackCents: 700,
      netCents: 1_750,
      paidOutCents: 1_750,
    });

    const csv = await callAs(t, "GET", "/api/v1/readers/me/earnings/statements/2026/csv", cookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="soulseer-earnings-2026.csv"');
    const lines = csv.body.trimEnd().split("\r\n");
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe(
      "Month,Readings,Bookings,Paid replies,Gifts,Tickets,Tips,Other,Earned,Refunds and disputes,Net,Paid out",
    );
    expect(lines[3]).toBe("March 2026,0.00,0.00,0.00,3.50,0.00,7.00,0.00,10.50,0.00,10.50,0.00");
    expect(lines[5]).toBe("May 2026,0.00,0.00,0.00,0.00,0.00,14.00,0.00,14.00,7.00,7.00,17.50");
    expect(lines[13]).toBe("Total 2026,0.00,0.00,0.00,3.50,0.00,21.00,0.00,24.50,7.00,17.50,17.50");

    // A year before any earning: zeros, not an error.
    const earlier = await callAs(t, "GET", "/api/v1/readers/me/earnings/statements/2025", cookie);
    expect(earlier.json().totals).toMatchObject({ earnedCents: 0, paidOutCents: 0 });
    for (const year of ["2027", "1999", "twenty", "2026.5"]) {
      const bad = await callAs(t, "GET", `/api/v1/readers/me/earnings/statements/${year}`, cookie);
      expect(bad.statusCode, year).toBe(400);
      expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    }
  });

  it("is for readers only", async () => {
    const client = await t.signedIn("client");
    const url = "/api/v1/readers/me/earnings/statements/2026";
    expect((await callAs(t, "GET", url, null)).statusCode).toBe(401);
    expect((await callAs(t, "GET", url, client.cookie)).statusCode).toBe(403);
    expect((await callAs(t, "GET", `${url}/csv`, client.cookie)).statusCode).toBe(403);
  });
});
