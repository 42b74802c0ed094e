import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";

// Two app nodes on one database: the client talks to node A, the reader to node B.
let a: TestApp;
let b: TestApp;
let urlA: string;
let urlB: string;
let kitA: ReturnType<typeof readingKit>;
let kitB: ReturnType<typeof readingKit>;
const RATE = READING_TEST_RATE;
const MINUTE = 60_000;

beforeAll(async () => {
  a = await createTestApp(READING_TEST_ENV);
  b = await createTestApp(READING_TEST_ENV, { databaseUrl: a.url });
  b.clock.set(a.clock.now());
  urlA = await a.app.listen({ port: 0, host: "127.0.0.1" });
  urlB = await b.app.listen({ port: 0, host: "127.0.0.1" });
  kitA = readingKit(a, urlA);
  kitB = readingKit(b, urlB);
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

async function captures(readingId: string) {
  const result = await a.database.pool.query<{ key: string }>(
    `select idempotency_key as key from ledger_transfers where code = 'session_charge' and idempotency_key like $1 order by 1`,
    [`session:${readingId}:%`],
  );
  return result.rows.map((row) => row.key);
}

async function crossNodeReading(balanceCents: number) {
  const reader = await kitB.onlineReader();
  const client = await kitA.fundedClient(balanceCents);
  const requested = await kitA.call("POST", "/api/v1/readings", client.cookie, {
    readerUserId: reader.user.id,
    modality: "chat",
    expectedRatePerUnitCents: RATE,
  });
  const readingId = requested.json().reading.id as string;
  expect((await kitB.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie)).statusCode).toBe(
    200,
  );
  const clientLive = await kitA.joinRoom(client.cookie, readingId);
  const readerLive = await kitB.joinRoom(reader.cookie, readingId);
  expect(await kitA.state(readingId)).toBe("active");
  return { reader, client, readingId, clientLive, readerLive };
}

describe("two app nodes on one database", () => {
  it("runs a reading across nodes and charges each minute once with both billers racing", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await crossNodeReading(1000);
    // Events cross nodes: the client (on A) hears the chat of the reader (on B).
    await kitB.call("POST", `/api/v1/readings/${readingId}/messages`, reader.cookie, {
      clientMessageId: "cross-node-message-1",
      body: "Hello from the other node",
    });
    const heard = await clientLive.next((message) => message.event === "reading.message");
    expect(heard.data).toMatchObject({ message: { body: "Hello from the other node" } });

    for (let step = 0; step < 5; step += 1) {
      advance(30_000);
      await kitA.keepalive(clientLive, readerLive);
      await Promise.all([a.services.readings.heartbeat(), b.services.readings.heartbeat()]);
      await Promise.all([
        a.services.readings.drainDue(),
        b.services.readings.drainDue(),
        a.services.readings.drainDue(),
        b.services.readings.drainDue(),
      ]);
    }
    // 150 s: minutes 0 and 1 captured once each, minute 2 held.
    expect(await captures(readingId)).toEqual([
      `session:${readingId}:unit:0:capture`,
      `session:${readingId}:unit:1:capture`,
    ]);
    const ended = await kitA.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(ended.json().reading).toMatchObject({ billedSeconds: 150, chargedCents: 2 * RATE + 99 });
    expect(await a.services.ledger.balance(client.user.id)).toBe(1000 - (2 * RATE + 99));
    clientLive.close();
    readerLive.close();
  });

  it("never bills past a dead node's last heartbeat, and drops its participant at that moment", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await crossNodeReading(5000);
    advance(20_000);
    await kitA.keepalive(clientLive, readerLive);
    await Promise.all([a.services.readings.heartbeat(), b.services.readings.heartbeat()]);
    // Node B stops: no more heartbeats (its socket stays open, as when a process hangs or dies).
    advance(MINUTE);
    await a.services.readings.heartbeat();
    await a.services.readings.drainDue();
    // Billing stops at B's last sign of life (20 s in), though a minute has passed.
    expect(await kitA.reading(readingId)).toMatchObject({ state: "active", billed_ms: 20_000 });
    // Once B counts as dead (3 heartbeats), A ends its connections: a drop dated to B's last heartbeat.
    advance(3 * MINUTE);
    await a.services.readings.heartbeat();
    expect(await kitA.reading(readingId)).toMatchObject({ state: "reconnecting", billed_ms: 20_000 });
    // The reader's app reconnects through node A inside the grace window and the reading resumes.
    const back = await kitA.joinRoom(reader.cookie, readingId);
    expect(await kitA.state(readingId)).toBe("active");
    advance(10_000);
    const ended = await kitA.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(ended.json().reading).toMatchObject({
      billedSeconds: 30,
      chargedCents: Math.floor((RATE * 30) / 60),
    });
    back.close();
    clientLive.close();
    readerLive.close();
    // Node B comes back to life for the next test.
    await b.services.readings.heartbeat();
  });

  it("ends a closing node's room connections as drops at its close, in bulk, without errors", async () => {
    const logs: string[] = [];
    const nodeIds = async () =>
      (await a.database.pool.query<{ id: string }>("select id from app_nodes order by id")).rows.map(
        (row) => row.id,
      );
    const earlier = await nodeIds();
    const c = await createTestApp(READING_TEST_ENV, { databaseUrl: a.url, logs });
    c.clock.set(a.clock.now());
    const urlC = await c.app.listen({ port: 0, host: "127.0.0.1" });
    const kitC = readingKit(c, urlC);
    const readings = await Promise.all(
      [0, 1, 2].map(async () => {
        const reader = await kitC.onlineReader();
        const client = await kitA.fundedClient(5000);
        const requested = await kitA.call("POST", "/api/v1/readings", client.cookie, {
          readerUserId: reader.user.id,
          modality: "chat",
          expectedRatePerUnitCents: RATE,
        });
        const readingId = requested.json().reading.id as string;
        await kitC.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie);
        const clientLive = await kitA.joinRoom(client.cookie, readingId);
        // The reader has two sockets on the closing node: both end, one drop.
        const readerLive = [
          await kitC.joinRoom(reader.cookie, readingId),
          await kitC.joinRoom(reader.cookie, readingId),
        ];
        expect(await kitA.state(readingId)).toBe("active");
        return { reader, client, readingId, clientLive, readerLive };
      }),
    );
    advance(20_000);
    c.clock.set(a.clock.now());
    await c.close();
    // Node C closed gracefully: every reading it served lost its reader at that moment.
    for (const { readingId } of readings) {
      expect(await kitA.reading(readingId)).toMatchObject({ state: "reconnecting", billed_ms: 20_000 });
    }
    // Its node row and room connections are gone; it logged no warning or error.
    expect(await nodeIds()).toEqual(earlier);
    const stray = await a.database.pool.query("select 1 from session_connections where node_id <> all($1)", [
      earlier,
    ]);
    expect(stray.rowCount).toBe(0);
    expect(logs).toEqual([]);
    // The reader comes back through node A within the grace window and the reading resumes.
    for (const { reader, client, readingId, clientLive, readerLive } of readings) {
      const back = await kitA.joinRoom(reader.cookie, readingId);
      expect(await kitA.state(readingId)).toBe("active");
      await kitA.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
      back.close();
      clientLive.close();
      for (const live of readerLive) live.close();
    }
  });

  it("treats a rejoin through another node, while the old node is silent but not yet dead, as a drop and a reconnect", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await crossNodeReading(5000);
    advance(20_000);
    await kitA.keepalive(clientLive, readerLive);
    await Promise.all([a.services.readings.heartbeat(), b.services.readings.heartbeat()]);
    // Node B goes silent (a crash and a quick restart elsewhere); 100 s later it is stale
    // (over 1.5 heartbeats) but not yet dead (3 heartbeats).
    advance(100_000);
    await a.services.readings.heartbeat();
    const back = await kitA.joinRoom(reader.cookie, readingId);
    expect(await kitA.reading(readingId)).toMatchObject({ state: "active", billed_ms: 20_000 });
    const transitions = await kitA.call("GET", `/api/v1/readings/${readingId}/transitions`, client.cookie);
    expect(
      transitions
        .json()
        .items.slice(-2)
        .map((item: { toState: string; cause: string }) => `${item.toState}:${item.cause}`),
    ).toEqual(["reconnecting:dropped", "active:reconnected"]);
    advance(10_000);
    const ended = await kitA.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    expect(ended.json().reading).toMatchObject({ billedSeconds: 30 });
    back.close();
    clientLive.close();
    readerLive.close();
    await b.services.readings.heartbeat();
  });
});
