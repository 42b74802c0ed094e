/*
 * About 460 lines on purpose: reviews, tips and reader notes all hang off one ended reading, so
 * they share its fixture.
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";

// A one-second billing unit so "3 billed minutes" is 3 s of test-clock time; timers effectively off.
const UNIT_MS = 1000;
const ENV = {
  SESSION_BILLING_UNIT_MS: String(UNIT_MS),
  SESSION_BILLER_INTERVAL_MS: String(60 * 60_000),
  NODE_HEARTBEAT_MS: "60000",
  PRESENCE_OFFLINE_DELAY_MS: String(10 * 60_000),
  PRESENCE_HEARTBEAT_MS: "60000",
  LIVE_PING_INTERVAL_MS: "120000",
};
const RATE = 199;
const DAY = 24 * 60 * 60_000;

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp(ENV);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await t.close();
});

type Person = { user: { id: string; email: string }; cookie: string };

async function fund(userId: string, amountCents: number) {
  await t.services.ledger.transfer({
    idempotencyKey: `fund-${randomUUID()}`,
    code: "adjustment",
    legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId }, amountCents }],
  });
}

/** Each signed-in person calls from their own address, so per-address limits (reading requests) never trip. */
function addressOf(cookie: string | null) {
  const hash = createHash("sha256")
    .update(cookie ?? "")
    .digest();
  return `10.${hash[0]}.${hash[1]}.${hash[2]}`;
}

async function call(method: "GET" | "POST" | "PUT", url: string, cookie: string | null, payload?: object) {
  return t.app.inject({
    method,
    url,
    remoteAddress: addressOf(cookie),
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function onlineReader() {
  const { user, reader: profile } = await t.createReader({ rates: { chat: RATE } });
  const cookie = await t.signIn(user.email);
  return { user, cookie, slug: profile.slug, displayName: profile.displayName };
}
type Reader = Awaited<ReturnType<typeof onlineReader>>;

async function fundedClient(balanceCents: number) {
  const client = await t.signedIn("client");
  await fund(client.user.id, balanceCents);
  return client;
}

async function joinRoom(cookie: string, readingId: string) {
  const live = await openLive(baseUrl, { cookie, origin: TEST_ORIGIN });
  expect(await live.subscribe([`reading:${readingId}`])).toMatchObject({ topics: [`reading:${readingId}`] });
  await t.services.readings.settled();
  return live;
}

/** Drives a real reading through the readings API: requested, accepted, both joined (active). */
async function activeReading(people: { reader?: Reader; client?: Person } = {}) {
  const reader = people.reader ?? (await onlineReader());
  const client = people.client ?? (await fundedClient(5000));
  expect(
    (await call("PUT", "/api/v1/readers/me/status", reader.cookie, { status: "online" })).statusCode,
  ).toBe(200);
  const requested = await call("POST", "/api/v1/readings", client.cookie, {
    readerUserId: reader.user.id,
    modality: "chat",
    expectedRatePerUnitCents: RATE,
  });
  expect(requested.statusCode).toBe(201);
  const readingId = requested.json().reading.id as string;
  expect((await call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie)).statusCode).toBe(200);
  const sockets = [await joinRoom(client.cookie, readingId), await joinRoom(reader.cookie, readingId)];
  const close = () => {
    for (const socket of sockets) socket.close();
  };
  return { reader, client, readingId, close };
}

/** A finished (finalized) reading with exactly `billedMs` of billed time. */
async function finishedReading(billedMs: number, people: { reader?: Reader; client?: Person } = {}) {
  const started = await activeReading(people);
  t.clock.advance(billedMs);
  const ended = await call("POST", `/api/v1/readings/${started.readingId}/end`, started.client.cookie);
  expect(ended.json().reading).toMatchObject({ state: "finalized", billedMs });
  started.close();
  return started;
}

const review = (readingId: string, cookie: string | null, payload: object) =>
  call("PUT", `/api/v1/readings/${readingId}/review`, cookie, payload);

async function reviewCount(readingId: string) {
  const result = await t.database.pool.query<{ count: number }>(
    "select count(*)::int as count from reviews where session_id = $1",
    [readingId],
  );
  return result.rows[0]?.count ?? 0;
}

describe("reviews", () => {
  it("needs a finished reading of 3 billed units: 2.5 is refused, exactly 3 is accepted", async () => {
    const short = await finishedReading(2.5 * UNIT_MS);
    const refused = await review(short.readingId, short.client.cookie, { stars: 5, text: "Lovely" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "CONFLICT" });
    expect(refused.json().error.message).toMatch(/at least 3 billed minutes/);
    expect(await reviewCount(short.readingId)).toBe(0);

    const enough = await finishedReading(3 * UNIT_MS);
    const written = await review(enough.readingId, enough.client.cookie, { stars: 5, text: "  Spot on.  " });
    expect(written.statusCode).toBe(201);
    expect(written.json().review).toMatchObject({ stars: 5, text: "Spot on.", reply: null });

    const after = await call("GET", `/api/v1/readings/${enough.readingId}/after`, enough.client.cookie);
    expect(after.json()).toMatchObject({
      canReview: true,
      review: { stars: 5 },
      reviewEditableUntil: written.json().review.editableUntil,
      reviewMinimumBilledMs: 3 * UNIT_MS,
    });
  });

  it("refuses a review of a reading that is still running", async () => {
    const running = await activeReading();
    t.clock.advance(5 * UNIT_MS);
    const refused = await review(running.readingId, running.client.cookie, { stars: 4, text: "" });
    expect(refused.statusCode).toBe(409);
    await call("POST", `/api/v1/readings/${running.readingId}/end`, running.client.cookie);
    running.close();
  });

  it("keeps one review per reading: a second PUT edits it, until 7 days have passed", async () => {
    const { readingId, client } = await finishedReading(4 * UNIT_MS);
    expect((await review(readingId, client.cookie, { stars: 3, text: "Fine" })).statusCode).toBe(201);
    t.clock.advance(6 * DAY);
    const edited = await review(readingId, client.cookie, { stars: 4, text: "Better on reflection" });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().review).toMatchObject({ stars: 4, text: "Better on reflection" });
    expect(await reviewCount(readingId)).toBe(1);

    t.clock.advance(DAY);
    const late = await review(readingId, client.cookie, { stars: 1, text: "Changed my mind" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("CONFLICT");
    const after = await call("GET", `/api/v1/readings/${readingId}/after`, client.cookie);
    expect(after.json()).toMatchObject({ canReview: false, review: { stars: 4 } });
  });

  it("validates stars and text, storing nothing when refused", async () => {
    const { readingId, client } = await finishedReading(3 * UNIT_MS);
    for (const stars of [0, 6, 2.5, -1, null]) {
      const response = await review(readingId, client.cookie, { stars, text: "ok" });
      expect(response.statusCode, String(stars)).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
    }
    for (const text of ["<script>alert(1)</script>", "Nice <img src=x onerror=alert(1)>", "x".repeat(2001)]) {
      const response = await review(readingId, client.cookie, { stars: 5, text });
      expect(response.statusCode).toBe(400);
    }
    expect((await review(readingId, client.cookie, { stars: 5 })).statusCode).toBe(400);
    expect(await reviewCount(readingId)).toBe(0);
    expect((await review(readingId, client.cookie, { stars: 5, text: "" })).statusCode).toBe(201);
  });

  it("lets only the reading's client review: others get 404, readers 403, anonymous 401", async () => {
    const { readingId, reader } = await finishedReading(3 * UNIT_MS);
    const stranger = await t.signedIn("client");
    const otherReader = await onlineReader();
    const body = { stars: 1, text: "Never met them" };
    expect((await review(readingId, stranger.cookie, body)).statusCode).toBe(404);
    expect((await review(readingId, reader.cookie, body)).statusCode).toBe(403);
    expect((await review(readingId, otherReader.cookie, body)).statusCode).toBe(403);
    expect((await review(readingId, null, body)).statusCode).toBe(401);
    expect((await review(randomUUID(), stranger.cookie, body)).statusCode).toBe(404);
    expect(await reviewCount(readingId)).toBe(0);
  });

  it("lets the reader reply once; nobody else may reply", async () => {
    const { readingId, client, reader } = await finishedReading(3 * UNIT_MS);
    const reviewId = (await review(readingId, client.cookie, { stars: 5, text: "Wonderful" })).json().review
      .id;
    const url = `/api/v1/reviews/${reviewId}/reply`;
    const otherReader = await onlineReader();
    expect((await call("POST", url, otherReader.cookie, { text: "Not mine" })).statusCode).toBe(404);
    expect((await call("POST", url, client.cookie, { text: "Replying to myself" })).statusCode).toBe(403);
    expect((await call("POST", url, null, { text: "Who am I" })).statusCode).toBe(401);
    expect((await call("POST", url, reader.cookie, { text: "<b>Thanks</b>" })).statusCode).toBe(400);
    expect((await call("POST", url, reader.cookie, { text: "" })).statusCode).toBe(400);
    const replied = await call("POST", url, reader.cookie, { text: "Thank you, take care!" });
    expect(replied.statusCode).toBe(200);
    expect(replied.json().review).toMatchObject({ reply: "Thank you, take care!" });
    const again = await call("POST", url, reader.cookie, { text: "One more thing" });
    expect(again.statusCode).toBe(409);
    const seen = await call("GET", `/api/v1/readings/${readingId}/after`, reader.cookie);
    expect(seen.json()).toMatchObject({
      review: { reply: "Thank you, take care!" },
      canReview: false,
      canTip: false,
      myNotes: null,
    });
  });

  it("keeps the reader's average and count in browse and on the reader page, and lists reviews publicly", async () => {
    const reader = await onlineReader();
    const first = await finishedReading(3 * UNIT_MS, { reader });
    const second = await finishedReading(5 * UNIT_MS, { reader });
    await review(first.readingId, first.client.cookie, { stars: 5, text: "Amazing" });
    t.clock.advance(1000);
    await review(second.readingId, second.client.cookie, { stars: 4, text: "Very good" });
    const rating = async () => {
      const page = await call("GET", `/api/v1/readers/${reader.slug}`, null);
      const browse = await call("GET", `/api/v1/readers?q=${encodeURIComponent(reader.displayName)}`, null);
      const listed = browse.json().items.find((item: { userId: string }) => item.userId === reader.user.id);
      expect(listed).toMatchObject({
        ratingAverage: page.json().reader.ratingAverage,
        ratingCount: page.json().reader.ratingCount,
      });
      return { average: listed.ratingAverage, count: listed.ratingCount };
    };
    expect(await rating()).toEqual({ average: 4.5, count: 2 });
    await review(second.readingId, second.client.cookie, { stars: 1, text: "Thinking again, not for me" });
    expect(await rating()).toEqual({ average: 3, count: 2 });

    const firstPage = await call("GET", `/api/v1/readers/${reader.slug}/reviews?limit=1`, null);
    expect(firstPage.statusCode).toBe(200);
    const body = firstPage.json();
    expect(body).toMatchObject({ ratingAverage: 3, ratingCount: 2 });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ stars: 1, clientFirstName: "Test", reply: null });
    const raw = JSON.stringify(body);
    for (const secret of [second.client.user.id, second.client.user.email, second.readingId])
      expect(raw).not.toContain(secret);
    const nextPage = await call(
      "GET",
      `/api/v1/readers/${reader.slug}/reviews?limit=1&cursor=${body.nextCursor}`,
      null,
    );
    expect(nextPage.json().items.map((item: { stars: number }) => item.stars)).toEqual([5]);
    expect(nextPage.json().nextCursor).toBeNull();
    expect((await call("GET", `/api/v1/readers/${reader.slug}/reviews?limit=51`, null)).statusCode).toBe(400);
    expect(
      (await call("GET", `/api/v1/readers/${reader.slug}/reviews?cursor=nonsense`, null)).statusCode,
    ).toBe(400);
    expect((await call("GET", "/api/v1/readers/no-such-reader/reviews", null)).statusCode).toBe(404);
  });

  it("keeps the rating exact when reviews of one reader race, and one review per reading", async () => {
    const reader = await onlineReader();
    const readings = [];
    for (let index = 0; index < 4; index += 1) readings.push(await finishedReading(3 * UNIT_MS, { reader }));
    const stars = [5, 4, 2, 1];
    const responses = await Promise.all([
      ...readings.map((one, index) =>
        review(one.readingId, one.client.cookie, { stars: stars[index], text: "" }),
      ),
      ...readings.map((one, index) =>
        review(one.readingId, one.client.cookie, { stars: stars[index], text: "" }),
      ),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([
      200, 200, 200, 200, 201, 201, 201, 201,
    ]);
    const page = await call("GET", `/api/v1/readers/${reader.slug}`, null);
    expect(page.json().reader).toMatchObject({ ratingAverage: 3, ratingCount: 4 });
    for (const one of readings) expect(await reviewCount(one.readingId)).toBe(1);
  });

  it("shows no reviews of a reader who is not listed", async () => {
    const reader = await onlineReader();
    await t.database.pool.query("update reader_profiles set listed = 'suspended' where user_id = $1", [
      reader.user.id,
    ]);
    expect((await call("GET", `/api/v1/readers/${reader.slug}/reviews`, null)).statusCode).toBe(404);
    // The reader still sees their own, as on their profile page.
    expect((await call("GET", `/api/v1/readers/${reader.slug}/reviews`, reader.cookie)).statusCode).toBe(200);
  });
});

async function tipTransfers(readingId: string) {
  const result = await t.database.pool.query<{ count: number }>(
    "select count(*)::int as count from ledger_transfers where code = 'tip' and idempotency_key like $1",
    [`tip:${readingId}:%`],
  );
  return result.rows[0]?.count ?? 0;
}

describe("tips", () => {
  const tip = (readingId: string, cookie: string | null, amountCents: number, key = randomUUID()) =>
    call("POST", `/api/v1/readings/${readingId}/tip`, cookie, { amountCents, idempotencyKey: key });

  it("splits a tip 70/30 exactly and moves it once per key", async () => {
    const { readingId, client, reader } = await finishedReading(2 * UNIT_MS);
    const wallet = await t.services.ledger.balance(client.user.id);
    const earnings = await t.services.ledger.balance(reader.user.id, "earnings");
    const platform = await t.services.ledger.houseBalance("platform_revenue");
    const key = randomUUID();
    const tipped = await tip(readingId, client.cookie, 333, key);
    expect(tipped.statusCode).toBe(200);
    expect(tipped.json()).toEqual({ tippedCents: 333, balanceCents: wallet - 333 });
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(earnings + 233);
    expect(await t.services.ledger.houseBalance("platform_revenue")).toBe(platform + 100);

    const repeated = await tip(readingId, client.cookie, 500, key);
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toEqual({ tippedCents: 333, balanceCents: wallet - 333 });
    expect(await tipTransfers(readingId)).toBe(1);

    expect((await tip(readingId, client.cookie, 1000)).json()).toMatchObject({ tippedCents: 1000 });
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(earnings + 233 + 700);
    expect(await tipTransfers(readingId)).toBe(2);
    const history = await call("GET", "/api/v1/wallet/transactions?code=tip", client.cookie);
    expect(history.json().items[0]).toMatchObject({ code: "tip", references: { readingId } });
  });

  it("moves one tip when the same key arrives twice at once", async () => {
    const { readingId, client } = await finishedReading(UNIT_MS);
    const balance = await t.services.ledger.balance(client.user.id);
    const key = randomUUID();
    const both = await Promise.all([
      tip(readingId, client.cookie, 300, key),
      tip(readingId, client.cookie, 300, key),
    ]);
    expect(both.map((response) => response.statusCode)).toEqual([200, 200]);
    expect(await tipTransfers(readingId)).toBe(1);
    expect(await t.services.ledger.balance(client.user.id)).toBe(balance - 300);
  });

  it("refuses without funds (402), over a spending limit, and outside the amount bounds", async () => {
    const { readingId, client } = await finishedReading(UNIT_MS);
    const balance = await t.services.ledger.balance(client.user.id);
    const poor = await tip(readingId, client.cookie, balance + 1);
    expect(poor.statusCode).toBe(402);
    expect(poor.json().error.code).toBe("INSUFFICIENT_FUNDS");
    for (const amount of [99, 50_001, 150.5])
      expect((await tip(readingId, client.cookie, amount)).statusCode).toBe(400);
    expect(
      (
        await call("POST", `/api/v1/readings/${readingId}/tip`, client.cookie, {
          amountCents: 100,
          idempotencyKey: "short",
        })
      ).statusCode,
    ).toBe(400);
    await t.services.ledger.setSpendingLimit(client.user.id, "daily", RATE + 100);
    const limited = await tip(readingId, client.cookie, 200);
    expect(limited.statusCode).toBe(403);
    expect(limited.json().error.code).toBe("SPENDING_LIMIT_REACHED");
    expect(await tipTransfers(readingId)).toBe(0);
    expect(await t.services.ledger.balance(client.user.id)).toBe(balance);
  });

  it("lets only the client of a finished, billed reading tip, within 7 days", async () => {
    const { readingId, client, reader } = await finishedReading(UNIT_MS);
    const stranger = await fundedClient(5000);
    expect((await tip(readingId, stranger.cookie, 100)).statusCode).toBe(404);
    expect((await tip(readingId, reader.cookie, 100)).statusCode).toBe(403);
    expect((await tip(readingId, null, 100)).statusCode).toBe(401);

    const running = await activeReading();
    t.clock.advance(UNIT_MS);
    const unfinished = await tip(running.readingId, running.client.cookie, 100);
    expect(unfinished.statusCode).toBe(409);
    await call("POST", `/api/v1/readings/${running.readingId}/end`, running.client.cookie);
    running.close();

    const unbilled = await finishedReading(0);
    expect((await tip(unbilled.readingId, unbilled.client.cookie, 100)).statusCode).toBe(409);

    t.clock.advance(7 * DAY + 1);
    expect((await tip(readingId, client.cookie, 100)).statusCode).toBe(409);
    const after = await call("GET", `/api/v1/readings/${readingId}/after`, client.cookie);
    expect(after.json()).toMatchObject({ canTip: false });
    expect(await tipTransfers(readingId)).toBe(0);
  });
});

describe("notes", () => {
  it("keeps a client's notes on a reader private to that client", async () => {
    const { readingId, client, reader } = await finishedReading(UNIT_MS);
    const url = `/api/v1/readers/${reader.user.id}/notes`;
    expect((await call("GET", url, client.cookie)).json()).toEqual({ notes: null });
    const saved = await call("PUT", url, client.cookie, {
      body: "Asked about the new job. Follow up in May.",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().notes).toMatchObject({ body: "Asked about the new job. Follow up in May." });
    expect((await call("GET", url, client.cookie)).json().notes.body).toBe(
      "Asked about the new job. Follow up in May.",
    );

    const other = await t.signedIn("client");
    expect((await call("GET", url, other.cookie)).json()).toEqual({ notes: null });
    expect((await call("GET", url, reader.cookie)).statusCode).toBe(403);
    expect((await call("GET", url, null)).statusCode).toBe(401);
    const seenByReader = await call("GET", `/api/v1/readings/${readingId}/after`, reader.cookie);
    expect(seenByReader.json().myNotes).toBeNull();
    expect(seenByReader.body).not.toContain("new job");
    const seenByClient = await call("GET", `/api/v1/readings/${readingId}/after`, client.cookie);
    expect(seenByClient.json().myNotes).toMatchObject({ body: "Asked about the new job. Follow up in May." });

    expect((await call("PUT", url, client.cookie, { body: "<script>x()</script>" })).statusCode).toBe(400);
    expect((await call("PUT", url, client.cookie, { body: "x".repeat(5001) })).statusCode).toBe(400);
    const other404 = await call("PUT", `/api/v1/readers/${other.user.id}/notes`, client.cookie, {
      body: "hm",
    });
    expect(other404.statusCode).toBe(404);
    const cleared = await call("PUT", url, client.cookie, { body: "   " });
    expect(cleared.json()).toEqual({ notes: null });
    expect((await call("GET", url, client.cookie)).json()).toEqual({ notes: null });
  });

  it("lets the reading's reader leave a note for the client once the reading has ended", async () => {
    const running = await activeReading();
    const url = `/api/v1/readings/${running.readingId}/reader-note`;
    expect((await call("PUT", url, running.reader.cookie, { note: "Too early" })).statusCode).toBe(409);
    t.clock.advance(3 * UNIT_MS);
    await call("POST", `/api/v1/readings/${running.readingId}/end`, running.client.cookie);
    running.close();

    const otherReader = await onlineReader();
    expect((await call("PUT", url, otherReader.cookie, { note: "Hello" })).statusCode).toBe(404);
    expect((await call("PUT", url, running.client.cookie, { note: "Hello" })).statusCode).toBe(403);
    expect((await call("PUT", url, running.reader.cookie, { note: "<i>hi</i>" })).statusCode).toBe(400);
    expect((await call("PUT", url, running.reader.cookie, { note: "x".repeat(1001) })).statusCode).toBe(400);
    const saved = await call("PUT", url, running.reader.cookie, { note: "The Star card: trust the timing." });
    expect(saved.statusCode).toBe(200);
    const after = await call("GET", `/api/v1/readings/${running.readingId}/after`, running.client.cookie);
    expect(after.json()).toMatchObject({
      readerNote: { text: "The Star card: trust the timing." },
      canReview: true,
      canTip: true,
      review: null,
      myNotes: null,
    });
    const stranger = await t.signedIn("client");
    expect(
      (await call("GET", `/api/v1/readings/${running.readingId}/after`, stranger.cookie)).statusCode,
    ).toBe(404);
  });
});
