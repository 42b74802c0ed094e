import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";
import { READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";
import { WAITLIST_STATUSES } from "./waitlist.schemas.js";
import { canMoveEntry, MAX_OPEN_ENTRIES } from "./waitlist.service.js";

const OFFER_MS = 120_000;
const TTL_MS = 5 * 60_000;

let t: TestApp;
let kit: ReturnType<typeof readingKit>;
let baseUrl: string;
const sockets: { close(): void }[] = [];
beforeAll(async () => {
  t = await createTestApp({
    ...READING_TEST_ENV,
    CALLBACK_OFFER_MS: String(OFFER_MS),
    CALLBACK_TTL_MS: String(TTL_MS),
  });
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = readingKit(t, baseUrl);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await t.close();
});

const join = (cookie: string | null, readerUserId: string, modality = "chat") =>
  kit.call("POST", "/api/v1/waitlist", cookie, { readerUserId, modality });
const request = (cookie: string, readerUserId: string) =>
  kit.call("POST", "/api/v1/readings", cookie, {
    readerUserId,
    modality: "chat",
    expectedRatePerUnitCents: READING_TEST_RATE,
  });
const mine = async (cookie: string) => (await kit.call("GET", "/api/v1/waitlist", cookie)).json().items;
const setStatus = (cookie: string, status: string) =>
  kit.call("PUT", "/api/v1/readers/me/status", cookie, { status });

/** A reader who let a request ring out (now away), and the client it was missed for. */
async function missedReader() {
  const reader = await kit.onlineReader();
  // The reader's app is open (they are there, just not answering).
  sockets.push(await openLive(baseUrl, { cookie: reader.cookie, origin: TEST_ORIGIN }));
  const client = await kit.fundedClient(2000);
  const readingId = (await request(client.cookie, reader.user.id)).json().reading.id;
  t.clock.advance(61_000);
  await t.services.readings.drainDue();
  expect(await kit.reading(readingId)).toMatchObject({ end_cause: "missed" });
  expect(await kit.readerStatus(reader.user.id)).toBe("away");
  return { reader, client };
}

async function callbackRow(id: string) {
  const result = await t.database.pool.query(
    "select status, session_id, offer_expires_at from session_callbacks where id = $1",
    [id],
  );
  return result.rows[0];
}

describe("waitlist", () => {
  it("after a missed request the client waits in line, is offered the reader first, and starts", async () => {
    const { reader, client } = await missedReader();
    const joined = await join(client.cookie, reader.user.id);
    expect(joined.statusCode).toBe(201);
    const first = joined.json().entry;
    expect(first).toMatchObject({ status: "waiting", position: 1, readerUserId: reader.user.id });
    const second = await kit.fundedClient(2000);
    expect((await join(second.cookie, reader.user.id)).json().entry).toMatchObject({ position: 2 });

    // The reader's own view of the line, in order, with names.
    const queue = (await kit.call("GET", "/api/v1/readers/me/waitlist", reader.cookie)).json().items;
    expect(queue.map((entry: { clientName: string }) => entry.clientName)).toEqual([
      client.user.displayName,
      second.user.displayName,
    ]);

    // Back online: the sweep offers the reader to the first in line (notice and email).
    expect((await setStatus(reader.cookie, "online")).statusCode).toBe(200);
    await t.services.waitlist.sweep();
    await t.services.waitlist.sweep();
    expect(await callbackRow(first.id)).toMatchObject({ status: "offered" });
    expect((await t.latestEmail(client.user.email, "callback-offered"))?.subject).toContain("ready");
    const notices = await t.database.pool.query(
      "select kind from notifications where user_id = $1 and kind = 'callback-offered'",
      [client.user.id],
    );
    expect(notices.rowCount).toBe(1);

    // Nobody else may start meanwhile: not the second in line, not a newcomer.
    const newcomer = await kit.fundedClient(2000);
    for (const other of [second, newcomer]) {
      const refused = await request(other.cookie, reader.user.id);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("QUEUE_AHEAD");
    }
    expect(await kit.readerStatus(reader.user.id)).toBe("online");

    // The first in line starts: their entry becomes that reading.
    const started = await request(client.cookie, reader.user.id);
    expect(started.statusCode).toBe(201);
    const readingId = started.json().reading.id;
    expect(await callbackRow(first.id)).toMatchObject({ status: "started", session_id: readingId });
    expect((await mine(client.cookie))[0]).toMatchObject({ status: "started", position: null, readingId });

    // When that reading is over, the next in line is offered.
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(await kit.readerStatus(reader.user.id)).toBe("online");
    await t.services.waitlist.sweep();
    expect((await mine(second.cookie))[0]).toMatchObject({ status: "offered", position: 1 });
    expect((await request(newcomer.cookie, reader.user.id)).json().error.code).toBe("QUEUE_AHEAD");
  });

  it("an offer not taken lapses and passes to the next; a place in line expires", async () => {
    const { reader, client } = await missedReader();
    const first = (await join(client.cookie, reader.user.id)).json().entry;
    const second = await kit.fundedClient(2000);
    const next = (await join(second.cookie, reader.user.id)).json().entry;
    await setStatus(reader.cookie, "online");
    await t.services.waitlist.sweep();
    t.clock.advance(OFFER_MS - 1000);
    await t.services.waitlist.sweep();
    expect(await callbackRow(first.id)).toMatchObject({ status: "offered" });
    expect(await callbackRow(next.id)).toMatchObject({ status: "waiting" });
    t.clock.advance(1000);
    await t.services.waitlist.sweep();
    expect(await callbackRow(first.id)).toMatchObject({ status: "lapsed" });
    expect(await callbackRow(next.id)).toMatchObject({ status: "offered" });
    // The lapsed client may join again, at the back.
    expect((await join(client.cookie, reader.user.id)).json().entry).toMatchObject({ position: 2 });

    // A place that never came up expires with the line's lifetime.
    const away = await missedReader();
    const waiting = (await join(away.client.cookie, away.reader.user.id)).json().entry;
    t.clock.advance(TTL_MS);
    await t.services.waitlist.sweep();
    expect(await callbackRow(waiting.id)).toMatchObject({ status: "expired" });
    expect((await mine(away.client.cookie))[0]).toMatchObject({ status: "expired", position: null });
  });

  it("a reader who is free with nobody in line is started, not queued for; bad joins change nothing", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(2000);
    const before = await t.count("session_callbacks");
    const free = await join(client.cookie, reader.user.id);
    expect(free.statusCode).toBe(409);
    expect(free.json().error.code).toBe("CONFLICT");

    const { reader: away, client: missed } = await missedReader();
    expect((await join(missed.cookie, away.user.id, "voice")).statusCode).toBe(409); // not offered
    expect((await join(missed.cookie, "no-such-reader")).statusCode).toBe(404);
    expect((await join(missed.cookie, missed.user.id)).statusCode).toBe(400);
    expect((await join(missed.cookie, away.user.id, "smoke")).statusCode).toBe(400);
    const poor = await kit.fundedClient(100);
    const broke = await join(poor.cookie, away.user.id);
    expect(broke.statusCode).toBe(402);
    expect(broke.json().error.code).toBe("INSUFFICIENT_FUNDS");
    expect(await t.count("session_callbacks")).toBe(before);

    expect((await join(missed.cookie, away.user.id)).statusCode).toBe(201);
    const twice = await join(missed.cookie, away.user.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain("already");

    // At most a few lines at once.
    for (let index = 1; index < MAX_OPEN_ENTRIES; index += 1) {
      const other = await kit.onlineReader();
      await setStatus(other.cookie, "away");
      expect((await join(missed.cookie, other.user.id)).statusCode).toBe(201);
    }
    const extra = await kit.onlineReader();
    await setStatus(extra.cookie, "away");
    const tooMany = await join(missed.cookie, extra.user.id);
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().error.message).toContain(`${MAX_OPEN_ENTRIES}`);
  });

  it("a client leaves their own line only, once", async () => {
    const { reader, client } = await missedReader();
    const entry = (await join(client.cookie, reader.user.id)).json().entry;
    const stranger = await kit.fundedClient(2000);
    expect((await kit.call("DELETE", `/api/v1/waitlist/${entry.id}`, stranger.cookie)).statusCode).toBe(404);
    const left = await kit.call("DELETE", `/api/v1/waitlist/${entry.id}`, client.cookie);
    expect(left.statusCode).toBe(200);
    expect(left.json().entry).toMatchObject({ status: "cancelled", position: null });
    const again = await kit.call("DELETE", `/api/v1/waitlist/${entry.id}`, client.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("INVALID_TRANSITION");
    // With the line empty again the reader, once back, is free for anyone.
    await setStatus(reader.cookie, "online");
    await t.services.waitlist.sweep();
    expect((await kit.call("GET", "/api/v1/readers/me/waitlist", reader.cookie)).json().items).toEqual([]);
    expect((await request(stranger.cookie, reader.user.id)).statusCode).toBe(201);
  });

  it("two nodes sweeping at once make one offer", async () => {
    const { reader, client } = await missedReader();
    await join(client.cookie, reader.user.id);
    const second = await kit.fundedClient(2000);
    await join(second.cookie, reader.user.id);
    await setStatus(reader.cookie, "online");
    await Promise.all([t.services.waitlist.sweep(), t.services.waitlist.sweep()]);
    const offers = await t.database.pool.query(
      "select count(*)::int as count from session_callbacks where reader_user_id = $1 and status = 'offered'",
      [reader.user.id],
    );
    expect(offers.rows[0].count).toBe(1);
  });

  it("is for clients (and the reader's own line for readers)", async () => {
    const { reader } = await missedReader();
    const admin = await t.signedIn("admin");
    const client = await kit.fundedClient(2000);
    expect((await join(null, reader.user.id)).statusCode).toBe(401);
    const asReader = await join(reader.cookie, reader.user.id);
    expect(asReader.statusCode, asReader.body).toBe(403);
    expect((await join(admin.cookie, reader.user.id)).statusCode).toBe(403);
    expect((await kit.call("GET", "/api/v1/waitlist", null)).statusCode).toBe(401);
    expect((await kit.call("GET", "/api/v1/waitlist", reader.cookie)).statusCode).toBe(403);
    expect((await kit.call("GET", "/api/v1/readers/me/waitlist", null)).statusCode).toBe(401);
    expect((await kit.call("GET", "/api/v1/readers/me/waitlist", client.cookie)).statusCode).toBe(403);
    expect((await kit.call("GET", "/api/v1/readers/me/waitlist", admin.cookie)).statusCode).toBe(403);
    expect((await kit.call("DELETE", "/api/v1/waitlist/not-a-uuid", client.cookie)).statusCode).toBe(400);
  });

  it("allows only the defined moves between waitlist entry states", () => {
    const allowed = new Set([
      "waiting>offered",
      "waiting>started",
      "waiting>cancelled",
      "waiting>expired",
      "offered>started",
      "offered>lapsed",
      "offered>cancelled",
    ]);
    for (const from of WAITLIST_STATUSES)
      for (const to of WAITLIST_STATUSES)
        expect(canMoveEntry(from, to), `${from} > ${to}`).toBe(allowed.has(`${from}>${to}`));
  });
});
