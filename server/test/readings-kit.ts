import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { TEST_ORIGIN, type TestApp } from "./harness.js";
import { eventually, openLive } from "./live-client.js";

/** Timers effectively off: reading tests move the clock and run the biller and heartbeats themselves. */
export const READING_TEST_ENV = {
  SESSION_BILLER_INTERVAL_MS: String(60 * 60_000),
  NODE_HEARTBEAT_MS: "60000",
  PRESENCE_OFFLINE_DELAY_MS: String(10 * 60_000),
  PRESENCE_HEARTBEAT_MS: "60000",
  LIVE_PING_INTERVAL_MS: "120000",
};
export const READING_TEST_RATE = 199;

export type Live = Awaited<ReturnType<typeof openLive>>;

/** Helpers that drive real readings through the API and real sockets of one test app. */
export function readingKit(t: TestApp, baseUrl: string) {
  const RATE = READING_TEST_RATE;
  async function fund(userId: string, amountCents: number, app = t) {
    await app.services.ledger.transfer({
      idempotencyKey: `fund-${randomUUID()}`,
      code: "adjustment",
      legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId }, amountCents }],
    });
  }

  async function call(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    cookie: string | null,
    payload?: object,
    app = t,
  ) {
    return app.app.inject({
      method,
      url,
      headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
      ...(payload ? { payload } : {}),
    });
  }

  async function onlineReader(app = t) {
    const { user } = await app.createReader({ rates: { chat: RATE, video: 499 } });
    const cookie = await app.signIn(user.email);
    expect(
      (await call("PUT", "/api/v1/readers/me/status", cookie, { status: "online" }, app)).statusCode,
    ).toBe(200);
    return { user, cookie };
  }

  async function fundedClient(balanceCents: number, app = t) {
    const client = await app.signedIn("client");
    await fund(client.user.id, balanceCents, app);
    return client;
  }

  /** A client and an online reader in an accepted reading, both sockets in the room: active. */
  async function activeReading(balanceCents = 1000) {
    const reader = await onlineReader();
    const client = await fundedClient(balanceCents);
    const requested = await call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(requested.statusCode).toBe(201);
    const readingId = requested.json().reading.id as string;
    expect((await call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie)).statusCode).toBe(200);
    const clientLive = await joinRoom(client.cookie, readingId);
    const readerLive = await joinRoom(reader.cookie, readingId);
    expect(await state(readingId)).toBe("active");
    return { reader, client, readingId, clientLive, readerLive };
  }

  async function joinRoom(cookie: string, readingId: string, url = baseUrl, app = t) {
    const live = await openLive(url, { cookie, origin: TEST_ORIGIN });
    const reply = await live.subscribe([`reading:${readingId}`]);
    expect(reply).toMatchObject({ topics: [`reading:${readingId}`] });
    await app.services.readings.settled();
    return live;
  }

  /**
   * Each socket says it is alive now (a `ping`, as the web app sends every 3 s in a room) and the
   * server has read it: billing counts up to a participant's last frame, so a test that moves the
   * clock sends this before the biller runs, as a live app would have.
   */
  async function keepalive(...lives: Live[]) {
    await Promise.all(
      lives.map((live) => {
        live.send({ type: "ping" });
        return live.next((message) => message.type === "pong");
      }),
    );
  }

  /** Closes a socket and waits until the server has seen it close and its room update has run. */
  async function leave(live: Live, app = t) {
    const before = app.services.hub.connectionCount;
    await live.close();
    await eventually(async () => app.services.hub.connectionCount < before, true);
    await app.services.readings.settled();
  }

  /**
   * Waits until every event published to `topic` so far has reached `live`: events reach a node in
   * the order they were published, so once a marker published now arrives, nothing earlier is
   * still on its way.
   */
  async function drained(live: Live, topic: string, app = t) {
    const marker = `marker-${randomUUID()}`;
    await app.services.bus.publish(null, { topic, type: "test.marker", data: { marker } });
    await live.next((message) => message.event === "test.marker" && message.data?.marker === marker);
  }

  async function reading(readingId: string, app = t) {
    const result = await app.database.pool.query(
      `select state, end_cause, billed_ms::int as billed_ms, charged_cents::int as charged_cents,
              reader_share_cents::int as reader_share_cents from reading_sessions where id = $1`,
      [readingId],
    );
    return result.rows[0] as {
      state: string;
      end_cause: string | null;
      billed_ms: number;
      charged_cents: number;
      reader_share_cents: number;
    };
  }
  const state = async (readingId: string) => (await reading(readingId)).state;

  async function readerStatus(userId: string) {
    const result = await t.database.pool.query("select status from reader_profiles where user_id = $1", [
      userId,
    ]);
    return result.rows[0]?.status as string;
  }

  async function chargesOf(readingId: string) {
    const result = await t.database.pool.query<{ count: number }>(
      `select count(*)::int as count from ledger_transfers where code = 'session_charge' and idempotency_key like $1`,
      [`session:${readingId}:%`],
    );
    return result.rows[0]?.count ?? 0;
  }

  return {
    fund,
    call,
    onlineReader,
    fundedClient,
    activeReading,
    joinRoom,
    keepalive,
    leave,
    drained,
    reading,
    state,
    readerStatus,
    chargesOf,
  };
}
