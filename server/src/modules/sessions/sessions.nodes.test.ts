import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { SESSION_TEST_ENV, SESSION_TEST_RATE, sessionKit } from "../../../test/sessions-kit.js";

// Two app nodes on one database: the client talks to node A, the reader to node B.
let a: TestApp;
let b: TestApp;
let urlA: string;
let urlB: string;
let kitA: ReturnType<typeof sessionKit>;
let kitB: ReturnType<typeof sessionKit>;
const RATE = SESSION_TEST_RATE;
const MINUTE = 60_000;

beforeAll(async () => {
  a = await createTestApp(SESSION_TEST_ENV);
  b = await createTestApp(SESSION_TEST_ENV, { databaseUrl: a.url });
  b.clock.set(a.clock.now());
  urlA = await a.app.listen({ port: 0, host: "127.0.0.1" });
  urlB = await b.app.listen({ port: 0, host: "127.0.0.1" });
  kitA = sessionKit(a, urlA);
  kitB = sessionKit(b, urlB);
});
afterAll(async () => {
  await b.close();
  await a.close();
});

/** Moves both nodes' clocks together. */
function advance(ms: number) {
  a.clock.advance(ms);
  b.clock.set(a.clock.now());
}

async function captures(sessionId: string) {
  const result = await a.database.pool.query<{ key: string }>(
    `select idempotency_key as key from ledger_transfers where code = 'session_charge' and idempotency_key like $1 order by 1`,
    [`session:${sessionId}:%`],
  );
  return result.rows.map((row) => row.key);
}

async function crossNodeSession(balanceCents: number) {
  const reader = await kitB.onlineReader();
  const client = await kitA.fundedClient(balanceCents);
  const requested = await kitA.call("POST", "/api/v1/sessions", client.cookie, {
    readerUserId: reader.user.id,
    modality: "chat",
  });
  const sessionId = requested.json().session.id as string;
  expect((await kitB.call("POST", `/api/v1/sessions/${sessionId}/accept`, reader.cookie)).statusCode).toBe(
    200,
  );
  const clientLive = await kitA.joinRoom(client.cookie, sessionId);
  const readerLive = await kitB.joinRoom(reader.cookie, sessionId);
  expect(await kitA.state(sessionId)).toBe("active");
  return { reader, client, sessionId, clientLive, readerLive };
}

describe("two app nodes on one database", () => {
  it("runs a reading across nodes and charges each minute once with both billers racing", async () => {
    const { client, reader, sessionId, clientLive, readerLive } = await crossNodeSession(1000);
    // Events cross nodes: the client (on A) hears the chat of the reader (on B).
    await kitB.call("POST", `/api/v1/sessions/${sessionId}/messages`, reader.cookie, {
      clientMessageId: "cross-node-message-1",
      body: "Hello from the other node",
    });
    const heard = await clientLive.next((message) => message.event === "session.message");
    expect(heard.data).toMatchObject({ message: { body: "Hello from the other node" } });

    for (let step = 0; step < 5; step += 1) {
      advance(30_000);
      await Promise.all([a.services.sessions.heartbeat(), b.services.sessions.heartbeat()]);
      await Promise.all([
        a.services.sessions.drainDue(),
        b.services.sessions.drainDue(),
        a.services.sessions.drainDue(),
        b.services.sessions.drainDue(),
      ]);
    }
    // 150 s: minutes 0 and 1 captured once each, minute 2 held.
    expect(await captures(sessionId)).toEqual([
      `session:${sessionId}:unit:0:capture`,
      `session:${sessionId}:unit:1:capture`,
    ]);
    const ended = await kitA.call("POST", `/api/v1/sessions/${sessionId}/end`, client.cookie);
    expect(ended.json().session).toMatchObject({ billedSeconds: 150, chargedCents: 2 * RATE + 99 });
    expect(await a.services.ledger.balance(client.user.id)).toBe(1000 - (2 * RATE + 99));
    clientLive.close();
    readerLive.close();
  });

  it("never bills past a dead node's last heartbeat, and drops its participant at that moment", async () => {
    const { client, reader, sessionId, clientLive, readerLive } = await crossNodeSession(5000);
    advance(20_000);
    await Promise.all([a.services.sessions.heartbeat(), b.services.sessions.heartbeat()]);
    // Node B stops: no more heartbeats (its socket stays open, as when a process hangs or dies).
    advance(MINUTE);
    await a.services.sessions.heartbeat();
    await a.services.sessions.drainDue();
    // Billing stops at B's last sign of life (20 s in), though a minute has passed.
    expect(await kitA.session(sessionId)).toMatchObject({ state: "active", billed_ms: 20_000 });
    // Once B counts as dead (3 heartbeats), A ends its connections: a drop dated to B's last heartbeat.
    advance(3 * MINUTE);
    await a.services.sessions.heartbeat();
    expect(await kitA.session(sessionId)).toMatchObject({ state: "reconnecting", billed_ms: 20_000 });
    // The reader's app reconnects through node A inside the grace window and the reading resumes.
    const back = await kitA.joinRoom(reader.cookie, sessionId);
    expect(await kitA.state(sessionId)).toBe("active");
    advance(10_000);
    const ended = await kitA.call("POST", `/api/v1/sessions/${sessionId}/end`, client.cookie);
    expect(ended.json().session).toMatchObject({
      billedSeconds: 30,
      chargedCents: Math.floor((RATE * 30) / 60),
    });
    back.close();
    clientLive.close();
    readerLive.close();
    // Node B comes back to life for the next test.
    await b.services.sessions.heartbeat();
  });

  it("ends a closing node's room connections as drops at its close, in bulk, without errors", async () => {
    const logs: string[] = [];
    const nodeIds = async () =>
      (await a.database.pool.query<{ id: string }>("select id from app_nodes order by id")).rows.map(
        (row) => row.id,
      );
    const earlier = await nodeIds();
    const c = await createTestApp(SESSION_TEST_ENV, { databaseUrl: a.url, logs });
    c.clock.set(a.clock.now());
    const urlC = await c.app.listen({ port: 0, host: "127.0.0.1" });
    const kitC = sessionKit(c, urlC);
    const readings = await Promise.all(
      [0, 1, 2].map(async () => {
        const reader = await kitC.onlineReader();
        const client = await kitA.fundedClient(5000);
        const requested = await kitA.call("POST", "/api/v1/sessions", client.cookie, {
          readerUserId: reader.user.id,
          modality: "chat",
        });
        const sessionId = requested.json().session.id as string;
        await kitC.call("POST", `/api/v1/sessions/${sessionId}/accept`, reader.cookie);
        const clientLive = await kitA.joinRoom(client.cookie, sessionId);
        // The reader has two sockets on the closing node: both end, one drop.
        const readerLive = [
          await kitC.joinRoom(reader.cookie, sessionId),
          await kitC.joinRoom(reader.cookie, sessionId),
        ];
        expect(await kitA.state(sessionId)).toBe("active");
        return { reader, client, sessionId, clientLive, readerLive };
      }),
    );
    advance(20_000);
    c.clock.set(a.clock.now());
    await c.close();
    // Node C closed gracefully: every reading it served lost its reader at that moment.
    for (const { sessionId } of readings) {
      expect(await kitA.session(sessionId)).toMatchObject({ state: "reconnecting", billed_ms: 20_000 });
    }
    // Its node row and room connections are gone; it logged no warning or error.
    expect(await nodeIds()).toEqual(earlier);
    const stray = await a.database.pool.query("select 1 from session_connections where node_id <> all($1)", [
      earlier,
    ]);
    expect(stray.rowCount).toBe(0);
    expect(logs).toEqual([]);
    // The reader comes back through node A within the grace window and the reading resumes.
    for (const { reader, client, sessionId, clientLive, readerLive } of readings) {
      const back = await kitA.joinRoom(reader.cookie, sessionId);
      expect(await kitA.state(sessionId)).toBe("active");
      await kitA.call("POST", `/api/v1/sessions/${sessionId}/end`, client.cookie);
      back.close();
      clientLive.close();
      for (const live of readerLive) live.close();
    }
  });

  it("treats a rejoin through another node, while the old node is silent but not yet dead, as a drop and a reconnect", async () => {
    const { client, reader, sessionId, clientLive, readerLive } = await crossNodeSession(5000);
    advance(20_000);
    await Promise.all([a.services.sessions.heartbeat(), b.services.sessions.heartbeat()]);
    // Node B goes silent (a crash and a quick restart elsewhere); 100 s later it is stale
    // (over 1.5 heartbeats) but not yet dead (3 heartbeats).
    advance(100_000);
    await a.services.sessions.heartbeat();
    const back = await kitA.joinRoom(reader.cookie, sessionId);
    expect(await kitA.session(sessionId)).toMatchObject({ state: "active", billed_ms: 20_000 });
    const transitions = await kitA.call("GET", `/api/v1/sessions/${sessionId}/transitions`, client.cookie);
    expect(
      transitions
        .json()
        .items.slice(-2)
        .map((item: { toState: string; cause: string }) => `${item.toState}:${item.cause}`),
    ).toEqual(["reconnecting:dropped", "active:reconnected"]);
    advance(10_000);
    const ended = await kitA.call("POST", `/api/v1/sessions/${sessionId}/end`, client.cookie);
    expect(ended.json().session).toMatchObject({ billedSeconds: 30 });
    back.close();
    clientLive.close();
    readerLive.close();
    await b.services.sessions.heartbeat();
  });
});
