/*
 * About 420 lines on purpose: a reading's life over HTTP and the live socket (start, drops and
 * grace, money running out, requests that never start, roles), sharing one app and its clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";
import { type Live, READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";

const MINUTE = 60_000;
const RATE = READING_TEST_RATE;

let t: TestApp;
let baseUrl: string;
let kit: ReturnType<typeof readingKit>;
beforeAll(async () => {
  t = await createTestApp(READING_TEST_ENV);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = readingKit(t, baseUrl);
});
afterAll(async () => {
  await t.close();
});

describe("a reading from request to summary", () => {
  it("rings the reader, bills each started minute, charges the last by the second, splits 70/30", async () => {
    const { reader, client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    expect(await kit.readerStatus(reader.user.id)).toBe("busy");
    t.clock.advance(2.5 * MINUTE);
    await kit.keepalive(clientLive, readerLive);
    await t.services.readings.drainDue();
    // Two whole minutes captured, the third held.
    expect(await kit.reading(readingId)).toMatchObject({ state: "active", charged_cents: 2 * RATE });
    expect(await t.services.ledger.balance(client.user.id)).toBe(1000 - 3 * RATE);

    const ended = await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(ended.statusCode).toBe(200);
    // 150 s: 199 + 199 + floor(199 × 30 / 60) = 497; the reader gets floor(70%) of each capture.
    expect(ended.json().reading).toMatchObject({
      state: "finalized",
      endCause: "ended_by_client",
      billedSeconds: 150,
      chargedCents: 497,
      readerShareCents: null,
    });
    expect(await kit.reading(readingId)).toMatchObject({ reader_share_cents: 139 + 139 + 69 });
    expect(await t.services.ledger.balance(client.user.id)).toBe(1000 - 497);
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(139 + 139 + 69);
    expect(await kit.readerStatus(reader.user.id)).toBe("online");

    const seenByReader = await kit.call("GET", `/api/v1/readings/${readingId}`, reader.cookie);
    expect(seenByReader.json().reading.readerShareCents).toBe(347);
    const transitions = await kit.call("GET", `/api/v1/readings/${readingId}/transitions`, client.cookie);
    expect(
      transitions
        .json()
        .items.map((item: { toState: string; cause: string }) => `${item.toState}:${item.cause}`),
    ).toEqual([
      "created:requested",
      "waiting:accepted",
      "active:both_connected",
      "ended:ended_by_client",
      "finalized:settled",
    ]);
    clientLive.close();
    readerLive.close();
  });

  it("tells both sides live: the reader hears the ring, the client hears the acceptance", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(1000);
    const readerLive = await openLive(baseUrl, { cookie: reader.cookie, origin: TEST_ORIGIN });
    const clientLive = await openLive(baseUrl, { cookie: client.cookie, origin: TEST_ORIGIN });
    const requested = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "video",
      expectedRatePerUnitCents: 499,
    });
    const readingId = requested.json().reading.id;
    const ring = await readerLive.next((message) => message.event === "reading.requested");
    expect(ring.data).toMatchObject({ reading: { id: readingId, ratePerUnitCents: 499, modality: "video" } });
    await kit.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie);
    const accepted = await clientLive.next(
      (message) =>
        message.event === "reading.state" &&
        (message.data as { reading: { state: string } }).reading.state === "waiting",
    );
    expect(accepted.data).toMatchObject({ reading: { id: readingId, readerShareCents: null } });
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    readerLive.close();
    clientLive.close();
  });
});

describe("drops and the grace window", () => {
  it("pauses billing at a drop and resumes on a reconnect inside the window", async () => {
    const { reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    t.clock.advance(30_000);
    await kit.leave(readerLive);
    expect(await kit.reading(readingId)).toMatchObject({ state: "reconnecting", billed_ms: 30_000 });
    t.clock.advance(2 * MINUTE); // not billed
    await t.services.readings.drainDue();
    expect(await kit.state(readingId)).toBe("reconnecting");
    const back = await kit.joinRoom(reader.cookie, readingId);
    expect(await kit.state(readingId)).toBe("active");
    t.clock.advance(30_000);
    const ended = await kit.call("POST", `/api/v1/readings/${readingId}/end`, reader.cookie);
    expect(ended.json().reading).toMatchObject({
      billedSeconds: 60,
      chargedCents: RATE,
      endCause: "ended_by_reader",
    });
    back.close();
    clientLive.close();
  });

  it("ends a drop that outlasts the grace window, charging only the connected time", async () => {
    const { client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    t.clock.advance(10_000);
    await kit.leave(clientLive);
    t.clock.advance(5 * MINUTE + 1);
    await t.services.readings.drainDue();
    expect(await kit.reading(readingId)).toMatchObject({
      state: "finalized",
      end_cause: "grace_expired",
      billed_ms: 10_000,
      charged_cents: Math.floor((RATE * 10) / 60),
    });
    expect(await t.services.ledger.balance(client.user.id)).toBe(1000 - Math.floor((RATE * 10) / 60));
    readerLive.close();
  });

  it("gains nothing and costs nothing extra from rapid disconnect loops", async () => {
    const start = await kit.activeReading(1000);
    const { client, readingId, readerLive } = start;
    let clientLive: Live = start.clientLive;
    t.clock.advance(5_000); // both connected: billed
    for (let loop = 0; loop < 5; loop += 1) {
      await kit.leave(clientLive);
      t.clock.advance(5_000); // away: not billed
      clientLive = await kit.joinRoom(client.cookie, readingId);
      t.clock.advance(7_000); // back: billed
    }
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    const row = await kit.reading(readingId);
    // The first 5 s are connected (both joined at the start), then 5 × 7 s.
    expect(row.billed_ms).toBe(5_000 + 5 * 7_000);
    // One hold for the first minute the whole time: one capture, no extra holds.
    expect(row.charged_cents).toBe(Math.floor((RATE * 40) / 60));
    expect(await kit.chargesOf(readingId)).toBe(1);
    clientLive.close();
    readerLive.close();
  });
});

describe("money running out and spending limits", () => {
  it("pauses unbilled when the balance cannot hold the next minute, and resumes after a top-up", async () => {
    const { client, readingId, clientLive, readerLive } = await kit.activeReading(450);
    t.clock.advance(2 * MINUTE + 20_000);
    await kit.keepalive(clientLive, readerLive);
    await t.services.readings.drainDue();
    expect(await kit.reading(readingId)).toMatchObject({
      state: "paused",
      billed_ms: 2 * MINUTE,
      charged_cents: 398,
    });
    t.clock.advance(60_000); // paused: not billed
    await t.services.readings.drainDue();
    expect(await kit.state(readingId)).toBe("paused");
    await kit.fund(client.user.id, 1000);
    t.clock.advance(5_000);
    await t.services.readings.drainDue();
    expect(await kit.state(readingId)).toBe("active");
    t.clock.advance(30_000);
    const ended = await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(ended.json().reading).toMatchObject({ billedSeconds: 150, chargedCents: 398 + 99 });
    expect(await t.services.ledger.balance(client.user.id)).toBe(450 + 1000 - 497);
    clientLive.close();
    readerLive.close();
  });

  it("ends a paused reading when no top-up comes within the grace window", async () => {
    const { readingId, clientLive, readerLive } = await kit.activeReading(RATE);
    t.clock.advance(MINUTE);
    await kit.keepalive(clientLive, readerLive);
    await t.services.readings.drainDue();
    expect(await kit.state(readingId)).toBe("paused");
    t.clock.advance(5 * MINUTE + 1);
    await t.services.readings.drainDue();
    expect(await kit.reading(readingId)).toMatchObject({
      state: "finalized",
      end_cause: "grace_expired",
      charged_cents: RATE,
    });
    clientLive.close();
    readerLive.close();
  });

  it("ends with the spending limit as the reason when the next minute would pass it", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(5000);
    const limit = await kit.call("PUT", "/api/v1/wallet/limits/daily", client.cookie, { limitCents: 300 });
    expect(limit.statusCode).toBeLessThan(300);
    const readingId = (
      await kit.call("POST", "/api/v1/readings", client.cookie, {
        readerUserId: reader.user.id,
        modality: "chat",
        expectedRatePerUnitCents: RATE,
      })
    ).json().reading.id;
    await kit.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie);
    const clientLive = await kit.joinRoom(client.cookie, readingId);
    const readerLive = await kit.joinRoom(reader.cookie, readingId);
    t.clock.advance(MINUTE + 1000);
    await kit.keepalive(clientLive, readerLive);
    await t.services.readings.drainDue();
    expect(await kit.reading(readingId)).toMatchObject({
      state: "finalized",
      end_cause: "spending_limit",
      billed_ms: MINUTE,
      charged_cents: RATE,
    });
    clientLive.close();
    readerLive.close();
  });

  it("bills a batch where one client's limit refuses: the others are charged once, that one ends", async () => {
    // More readings than the biller's smallest split group, all due at the same boundary.
    const readings = [];
    for (let index = 0; index < 12; index += 1) readings.push(await kit.activeReading(5000));
    const limited = readings[5];
    if (!limited) throw new Error("no reading");
    // Room for this minute's hold but not the next one: the batch statement for the group fails.
    const limit = await kit.call("PUT", "/api/v1/wallet/limits/daily", limited.client.cookie, {
      limitCents: 300,
    });
    expect(limit.statusCode).toBeLessThan(300);
    t.clock.advance(MINUTE + 1000);
    await kit.keepalive(...readings.flatMap((reading) => [reading.clientLive, reading.readerLive]));
    await t.services.readings.drainDue();
    for (const reading of readings) {
      // The first minute, captured once for every reading.
      expect(await kit.chargesOf(reading.readingId)).toBe(1);
      expect(await kit.reading(reading.readingId)).toMatchObject(
        reading === limited
          ? { state: "finalized", end_cause: "spending_limit", charged_cents: RATE }
          : { state: "active", charged_cents: RATE },
      );
    }
    for (const reading of readings) {
      reading.clientLive.close();
      reading.readerLive.close();
    }
  }, 90_000); // twelve readings set up through the API: slow on a busy machine

  it("sends the client to their limits instead of ringing when the limit leaves less than a minute", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(5000);
    // $3.00 a day; $1.50 of it spent already (an earlier reading today).
    await kit.call("PUT", "/api/v1/wallet/limits/daily", client.cookie, { limitCents: 300 });
    const spend = (userId: string, amountCents: number) =>
      t.services.ledger.transfer({
        idempotencyKey: `earlier-${userId}`,
        code: "session_charge",
        legs: [{ from: { kind: "wallet", userId }, to: { kind: "platform_revenue" }, amountCents }],
      });
    await spend(client.user.id, 150);
    const before = await t.count("reading_sessions");
    const refused = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, "SPENDING_LIMIT_REACHED"]);
    expect(await t.count("reading_sessions")).toBe(before);
    expect(await kit.readerStatus(reader.user.id)).toBe("online");
    // With $2.00 of room left (one $1.99 minute), the same limit lets the reading start.
    const other = await kit.fundedClient(5000);
    await kit.call("PUT", "/api/v1/wallet/limits/daily", other.cookie, { limitCents: 300 });
    await spend(other.user.id, 100);
    const next = await kit.call("POST", "/api/v1/readings", other.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(next.statusCode).toBe(201);
    await kit.call("POST", `/api/v1/readings/${next.json().reading.id}/end`, other.cookie);
  });
});

describe("requests that never start", () => {
  it("a declined request ends at once, moves no money and frees the reader", async () => {
    const reader = await kit.onlineReader();
    const readerApp = await openLive(baseUrl, { cookie: reader.cookie, origin: TEST_ORIGIN });
    const client = await kit.fundedClient(1000);
    const readingId = (
      await kit.call("POST", "/api/v1/readings", client.cookie, {
        readerUserId: reader.user.id,
        modality: "chat",
        expectedRatePerUnitCents: RATE,
      })
    ).json().reading.id;
    const declined = await kit.call("POST", `/api/v1/readings/${readingId}/decline`, reader.cookie);
    expect(declined.json().reading).toMatchObject({
      state: "finalized",
      endCause: "declined",
      chargedCents: 0,
    });
    expect(await t.services.ledger.balance(client.user.id)).toBe(1000);
    expect(await kit.readerStatus(reader.user.id)).toBe("online");
    readerApp.close();
  });

  it("a request nobody answers is missed after the ring", async () => {
    const reader = await kit.onlineReader();
    const readerApp = await openLive(baseUrl, { cookie: reader.cookie, origin: TEST_ORIGIN });
    const client = await kit.fundedClient(1000);
    const readingId = (
      await kit.call("POST", "/api/v1/readings", client.cookie, {
        readerUserId: reader.user.id,
        modality: "chat",
        expectedRatePerUnitCents: RATE,
      })
    ).json().reading.id;
    t.clock.advance(59_000);
    await t.services.readings.drainDue();
    expect(await kit.state(readingId)).toBe("created");
    t.clock.advance(2_000);
    await t.services.readings.drainDue();
    expect(await kit.reading(readingId)).toMatchObject({ state: "finalized", end_cause: "missed" });
    // A reader who lets a request ring out is away: nobody else is rung until they are back.
    expect(await kit.readerStatus(reader.user.id)).toBe("away");
    // An accept after the ring is an undefined transition.
    const late = await kit.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("INVALID_TRANSITION");
    readerApp.close();
  });

  it("refuses a start without a minute of balance, an offline or busy reader, or a rate not offered", async () => {
    const reader = await kit.onlineReader();
    const poor = await kit.fundedClient(RATE - 1);
    const tooPoor = await kit.call("POST", "/api/v1/readings", poor.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(tooPoor.statusCode).toBe(402);
    expect(tooPoor.json().error.code).toBe("INSUFFICIENT_FUNDS");
    const client = await kit.fundedClient(1000);
    const noVoice = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "voice",
      expectedRatePerUnitCents: RATE,
    });
    expect(noVoice.statusCode).toBe(409);
    const first = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(first.statusCode).toBe(201);
    const other = await kit.fundedClient(1000);
    const busy = await kit.call("POST", "/api/v1/readings", other.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(busy.statusCode).toBe(409);
    const unknown = await kit.call("POST", "/api/v1/readings", other.cookie, {
      readerUserId: "nobody",
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await kit.call("POST", "/api/v1/readings", other.cookie, {
      readerUserId: reader.user.id,
      modality: "smoke",
      expectedRatePerUnitCents: RATE,
    });
    expect(bad.statusCode).toBe(400);
    await kit.call("POST", `/api/v1/readings/${first.json().reading.id}/end`, client.cookie);
    expect(await t.count("reading_sessions")).toBeGreaterThan(0);
  });
});

describe("the price the client saw", () => {
  it("starts only at the rate the client was shown; a changed rate answers RATE_CHANGED and starts nothing", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(2_000);
    const readingsBefore = await t.count("reading_sessions");
    const ask = (body: Record<string, unknown>) =>
      kit.call("POST", "/api/v1/readings", client.cookie, {
        readerUserId: reader.user.id,
        modality: "chat",
        ...body,
      });

    // The page showed RATE; the reader raised it before the client pressed start.
    const raised = await kit.call("PATCH", "/api/v1/readers/me/profile", reader.cookie, {
      rates: { chat: 349 },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const stale = await ask({ expectedRatePerUnitCents: RATE });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "RATE_CHANGED", current: { ratePerUnitCents: 349 } });
    expect(stale.json().error.message).toContain("$3.49");
    // A lower rate than the one shown is a change too: the client decides again.
    expect((await ask({ expectedRatePerUnitCents: 999 })).json().error.code).toBe("RATE_CHANGED");
    for (const expectedRatePerUnitCents of [undefined, "349", 0, -349, 3.49]) {
      const bad = await ask({ expectedRatePerUnitCents });
      expect(bad.statusCode, String(expectedRatePerUnitCents)).toBe(400);
      expect(bad.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect(await t.count("reading_sessions")).toBe(readingsBefore);
    expect(await kit.readerStatus(reader.user.id)).toBe("online");

    const started = await ask({ expectedRatePerUnitCents: 349 });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().reading.ratePerUnitCents).toBe(349);
    await kit.call("POST", `/api/v1/readings/${started.json().reading.id}/end`, client.cookie);
  });
});

describe("who may do what", () => {
  it("lets only participants (and admins to read) see or act, and only participants join the room", async () => {
    const { reader, client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const stranger = await t.signedIn("client");
    const otherReader = await kit.onlineReader();
    const admin = await t.signedIn("admin");
    expect((await kit.call("GET", `/api/v1/readings/${readingId}`, null)).statusCode).toBe(401);
    expect((await kit.call("GET", `/api/v1/readings/${readingId}`, stranger.cookie)).statusCode).toBe(404);
    expect((await kit.call("GET", `/api/v1/readings/${readingId}`, otherReader.cookie)).statusCode).toBe(404);
    expect((await kit.call("GET", `/api/v1/readings/${readingId}`, admin.cookie)).statusCode).toBe(200);
    expect((await kit.call("POST", `/api/v1/readings/${readingId}/end`, stranger.cookie)).statusCode).toBe(
      404,
    );
    expect((await kit.call("POST", `/api/v1/readings/${readingId}/end`, admin.cookie)).statusCode).toBe(403);
    expect((await kit.call("POST", `/api/v1/readings/${readingId}/accept`, client.cookie)).statusCode).toBe(
      403,
    );
    expect(
      (await kit.call("POST", `/api/v1/readings/${readingId}/accept`, otherReader.cookie)).statusCode,
    ).toBe(404);
    expect(
      (
        await kit.call("POST", "/api/v1/readings", reader.cookie, {
          readerUserId: otherReader.user.id,
          modality: "chat",
          expectedRatePerUnitCents: RATE,
        })
      ).statusCode,
    ).toBe(403);
    const snoop = await openLive(baseUrl, { cookie: stranger.cookie, origin: TEST_ORIGIN });
    expect(await snoop.subscribe([`reading:${readingId}`])).toMatchObject({
      topics: [],
      refused: [`reading:${readingId}`],
    });
    snoop.close();
    const list = await kit.call("GET", "/api/v1/readings", stranger.cookie);
    expect(list.json().items).toEqual([]);
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    clientLive.close();
    readerLive.close();
  });

  it("lets both end at once: one ending, one charge", async () => {
    const { reader, client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    t.clock.advance(90_000);
    const [byClient, byReader] = await Promise.all([
      kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie),
      kit.call("POST", `/api/v1/readings/${readingId}/end`, reader.cookie),
    ]);
    expect([byClient.statusCode, byReader.statusCode].sort()).toEqual([200, 409]);
    expect(await kit.reading(readingId)).toMatchObject({
      state: "finalized",
      billed_ms: 90_000,
      charged_cents: RATE + 99,
    });
    expect(await kit.chargesOf(readingId)).toBe(2);
    clientLive.close();
    readerLive.close();
  });
});
