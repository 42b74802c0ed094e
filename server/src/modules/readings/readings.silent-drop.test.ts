import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { eventually } from "../../../test/live-client.js";
import { READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";

// Two app nodes on one database: the client's socket on node A, the reader's on node B.
let a: TestApp;
let b: TestApp;
let kitA: ReturnType<typeof readingKit>;
let kitB: ReturnType<typeof readingKit>;
const RATE = READING_TEST_RATE;
/** How often the web app says it is alive in a reading room (web/src/lib/live.ts). */
const KEEPALIVE_MS = 3_000;
/** The hub pings each socket once per interval and ends one that missed a whole interval. */
const PING_INTERVAL_MS = Number(READING_TEST_ENV.LIVE_PING_INTERVAL_MS);

beforeAll(async () => {
  a = await createTestApp(READING_TEST_ENV);
  b = await createTestApp(READING_TEST_ENV, { databaseUrl: a.url });
  b.clock.set(a.clock.now());
  kitA = readingKit(a, await a.app.listen({ port: 0, host: "127.0.0.1" }));
  kitB = readingKit(b, await b.app.listen({ port: 0, host: "127.0.0.1" }));
});
afterAll(async () => {
  await b.close();
  await a.close();
});

/** Moves both nodes' clocks together; node A's interval timers (its pinger) run when asked. */
function advance(ms: number, runIntervalsOnA = false) {
  a.clock.runIntervals = runIntervalsOnA;
  try {
    a.clock.advance(ms);
  } finally {
    a.clock.runIntervals = false;
  }
  b.clock.set(a.clock.now());
}

async function captures(readingId: string) {
  const result = await a.database.pool.query<{ key: string }>(
    `select idempotency_key as key from ledger_transfers where code = 'session_charge' and idempotency_key like $1 order by 1`,
    [`session:${readingId}:%`],
  );
  return result.rows.map((row) => row.key);
}

describe("a participant whose network dies without a close", () => {
  it("is billed only up to their last frame, on whichever node bills, and dropped then", async () => {
    const reader = await kitB.onlineReader();
    const client = await kitA.fundedClient(5000);
    const requested = await kitA.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    const readingId = requested.json().reading.id as string;
    await kitB.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie);
    const clientLive = await kitA.joinRoom(client.cookie, readingId);
    const readerLive = await kitB.joinRoom(reader.cookie, readingId);
    expect(await kitA.state(readingId)).toBe("active");

    // 51 s of a live reading, both apps saying they are alive every 3 s.
    for (let step = 0; step < 17; step += 1) {
      advance(KEEPALIVE_MS);
      await kitA.keepalive(clientLive, readerLive);
      await Promise.all([a.services.readings.heartbeat(), b.services.readings.heartbeat()]);
    }
    const lastFrameMs = 17 * KEEPALIVE_MS;

    // The client's network dies: no close, no pong, nothing sent (the socket stays open).
    clientLive.socket.pause();
    // The reader stays; both nodes keep heartbeating. Only node B bills: it knows the client's
    // last frame only from node A's heartbeat. 60 s later the unit boundary has passed.
    for (let step = 0; step < 20; step += 1) {
      advance(KEEPALIVE_MS);
      await kitB.keepalive(readerLive);
      await Promise.all([a.services.readings.heartbeat(), b.services.readings.heartbeat()]);
      await b.services.readings.drainDue();
    }
    const billing = await kitA.reading(readingId);
    expect(billing.state).toBe("active");
    expect(billing.billed_ms).toBeGreaterThanOrEqual(lastFrameMs);
    expect(billing.billed_ms).toBeLessThanOrEqual(lastFrameMs + KEEPALIVE_MS);
    // Node A's own biller agrees (it reads the client's last frame from memory).
    await a.services.readings.drainDue();
    expect((await kitA.reading(readingId)).billed_ms).toBeLessThanOrEqual(lastFrameMs + KEEPALIVE_MS);
    // The first minute was never completed: nothing captured yet.
    expect(await captures(readingId)).toEqual([]);

    // Node A's pinger notices (two ping intervals): the client is dropped at their last frame.
    for (let step = 0; step < 25 && (await kitA.state(readingId)) === "active"; step += 1) {
      advance(PING_INTERVAL_MS / 10, true);
      await kitB.keepalive(readerLive);
      await a.services.readings.settled();
    }
    expect(await eventually(() => kitA.state(readingId), "reconnecting")).toBe("reconnecting");
    const dropped = await kitA.reading(readingId);
    expect(dropped.billed_ms).toBeLessThanOrEqual(lastFrameMs + KEEPALIVE_MS);

    // The reader ends: the client paid for at most the seconds up to their last frame (+3 s).
    const ended = await kitB.call("POST", `/api/v1/readings/${readingId}/end`, reader.cookie);
    expect(ended.json().reading.state).toBe("finalized");
    const chargedCents = ended.json().reading.chargedCents as number;
    expect(chargedCents).toBeLessThanOrEqual(Math.floor((RATE * (lastFrameMs + KEEPALIVE_MS)) / 60_000));
    expect(chargedCents).toBeGreaterThanOrEqual(Math.floor((RATE * lastFrameMs) / 60_000));
    expect(await a.services.ledger.balance(client.user.id)).toBe(5000 - chargedCents);
    // The first minute's hold, captured by the second, keyed as ever.
    expect(await captures(readingId)).toEqual([`session:${readingId}:unit:0:capture`]);
    clientLive.socket.terminate();
    await readerLive.close();
  });
});
