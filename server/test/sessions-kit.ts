import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { TEST_ORIGIN, type TestApp } from "./harness.js";
import { openLive } from "./live-client.js";

/** Timers effectively off: session tests move the clock and run the biller and heartbeats themselves. */
export const SESSION_TEST_ENV = {
  SESSION_BILLER_INTERVAL_MS: String(60 * 60_000),
  NODE_HEARTBEAT_MS: "60000",
  PRESENCE_OFFLINE_DELAY_MS: String(10 * 60_000),
  PRESENCE_HEARTBEAT_MS: "60000",
  LIVE_PING_INTERVAL_MS: "120000",
};
export const SESSION_TEST_RATE = 199;

export type Live = Awaited<ReturnType<typeof openLive>>;

/** Helpers that drive real readings through the API and real sockets of one test app. */
export function sessionKit(t: TestApp, baseUrl: string) {
  const RATE = SESSION_TEST_RATE;
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

  /** A client and an online reader in an accepted session, both sockets in the room: active. */
  async function activeSession(balanceCents = 1000) {
    const reader = await onlineReader();
    const client = await fundedClient(balanceCents);
    const requested = await call("POST", "/api/v1/sessions", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
    });
    expect(requested.statusCode).toBe(201);
    const sessionId = requested.json().session.id as string;
    expect((await call("POST", `/api/v1/sessions/${sessionId}/accept`, reader.cookie)).statusCode).toBe(200);
    const clientLive = await joinRoom(client.cookie, sessionId);
    const readerLive = await joinRoom(reader.cookie, sessionId);
    expect(await state(sessionId)).toBe("active");
    return { reader, client, sessionId, clientLive, readerLive };
  }

  async function joinRoom(cookie: string, sessionId: string, url = baseUrl, app = t) {
    const live = await openLive(url, { cookie, origin: TEST_ORIGIN });
    const reply = await live.subscribe([`session:${sessionId}`]);
    expect(reply).toMatchObject({ topics: [`session:${sessionId}`] });
    await app.services.sessions.settled();
    return live;
  }

  async function leave(live: Live, app = t) {
    live.close();
    // The server sees the close a moment later; wait until its room update has run.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await app.services.sessions.settled();
    }
  }

  async function session(sessionId: string, app = t) {
    const result = await app.database.pool.query(
      `select state, end_cause, billed_ms::int as billed_ms, charged_cents::int as charged_cents,
              reader_share_cents::int as reader_share_cents from reading_sessions where id = $1`,
      [sessionId],
    );
    return result.rows[0] as {
      state: string;
      end_cause: string | null;
      billed_ms: number;
      charged_cents: number;
      reader_share_cents: number;
    };
  }
  const state = async (sessionId: string) => (await session(sessionId)).state;

  async function readerStatus(userId: string) {
    const result = await t.database.pool.query("select status from reader_profiles where user_id = $1", [
      userId,
    ]);
    return result.rows[0]?.status as string;
  }

  async function chargesOf(sessionId: string) {
    const result = await t.database.pool.query<{ count: number }>(
      `select count(*)::int as count from ledger_transfers where code = 'session_charge' and idempotency_key like $1`,
      [`session:${sessionId}:%`],
    );
    return result.rows[0]?.count ?? 0;
  }

  return {
    fund,
    call,
    onlineReader,
    fundedClient,
    activeSession,
    joinRoom,
    leave,
    session,
    state,
    readerStatus,
    chargesOf,
  };
}
