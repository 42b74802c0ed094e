import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";
import { periodStarts } from "./earnings.service.js";

let t: TestApp;
let kit: ReturnType<typeof readingKit>;
beforeAll(async () => {
  t = await createTestApp(READING_TEST_ENV);
  kit = readingKit(t, await t.app.listen({ port: 0, host: "127.0.0.1" }));
});
afterAll(async () => {
  await t.close();
});

describe("reader earnings", () => {
  it("shows the payable balance, today / week / month totals, the daily chart and each paid reading", async () => {
    const { reader, client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    t.clock.advance(150_000);
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    const before = (await kit.call("GET", "/api/v1/readers/me/earnings", reader.cookie)).json();
    // 150 s at $1.99: 199 + 199 + 99 charged; the reader's share of each capture is 139 + 139 + 69.
    expect(before).toMatchObject({ payableCents: 347, todayCents: 347, weekCents: 347, monthCents: 347 });
    // A $2.00 tip: the reader's 70% (140) counts in every total, the chart and the reading's row.
    const tipped = await kit.call("POST", `/api/v1/readings/${readingId}/tip`, client.cookie, {
      amountCents: 200,
      idempotencyKey: `earnings-tip-${readingId}`,
    });
    expect(tipped.statusCode).toBe(200);
    const response = await kit.call("GET", "/api/v1/readers/me/earnings", reader.cookie);
    expect(response.statusCode).toBe(200);
    const earnings = response.json();
    expect(earnings).toMatchObject({
      payableCents: 487,
      todayCents: 487,
      weekCents: 487,
      monthCents: 487,
      tips: { todayCents: 140, weekCents: 140, monthCents: 140 },
    });
    expect(earnings.days).toHaveLength(30);
    expect(earnings.days.at(-1)).toEqual({
      day: t.clock.now().toISOString().slice(0, 10),
      cents: 487,
      tipCents: 140,
    });
    expect(earnings.days.slice(0, -1).every((day: { cents: number }) => day.cents === 0)).toBe(true);
    expect(earnings.readings).toEqual([
      expect.objectContaining({
        id: readingId,
        billedSeconds: 150,
        chargedCents: 497,
        readerShareCents: 347,
        tipCents: 140,
      }),
    ]);
    clientLive.close();
    readerLive.close();
  });

  it("keeps the rate locked when the reading was created, whatever the reader changes later", async () => {
    const { reader, client, readingId, clientLive, readerLive } = await kit.activeReading(5000);
    const profile = await t.services.readers.startable(reader.user.id);
    const changed = await kit.call("PATCH", "/api/v1/readers/me/profile", reader.cookie, {
      rates: { chat: 999 },
    });
    expect(changed.statusCode).toBe(200);
    t.clock.advance(60_000);
    const ended = await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(ended.json().reading).toMatchObject({ ratePerUnitCents: 199, chargedCents: 199 });
    // The names and page shown in the room are the ones of when the reading was asked for.
    expect(ended.json().reading).toMatchObject({
      clientName: client.user.displayName,
      readerName: profile?.displayName,
      readerSlug: profile?.slug,
    });
    clientLive.close();
    readerLive.close();
  });

  it("is for readers only", async () => {
    const client = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    expect((await kit.call("GET", "/api/v1/readers/me/earnings", null)).statusCode).toBe(401);
    expect((await kit.call("GET", "/api/v1/readers/me/earnings", client.cookie)).statusCode).toBe(403);
    expect((await kit.call("GET", "/api/v1/readers/me/earnings", admin.cookie)).statusCode).toBe(403);
  });

  it("starts weeks on Monday and months on the 1st, in UTC", () => {
    const starts = periodStarts(new Date("2026-11-25T23:30:00Z")); // a Wednesday
    expect(starts.day.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(starts.week.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(starts.month.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(periodStarts(new Date("2026-11-29T12:00:00Z")).week.toISOString()).toBe(
      "2026-11-23T00:00:00.000Z",
    );
  });
});
