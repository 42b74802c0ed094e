import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { type LiveMessage, sleep } from "../../../test/live-client.js";
import { type Live, READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";

/** The node sheds chat while its own lag is over this (CHAT_SHED_LAG_MS). */
const BOUND_MS = 150;
/** A stall well past the bound: the test process (which runs the node) is kept busy this long. */
const STALL_MS = 4 * BOUND_MS;

let t: TestApp;
let kit: ReturnType<typeof readingKit>;

beforeAll(async () => {
  t = await createTestApp({ ...READING_TEST_ENV, CHAT_SHED_LAG_MS: String(BOUND_MS) });
  kit = readingKit(t, await t.app.listen({ port: 0, host: "127.0.0.1" }));
});
afterAll(async () => {
  await t.close();
});

/** Keeps this process's event loop busy for `ms` (bounded: a loop on the wall clock). */
function stallEventLoop(ms: number) {
  const until = performance.now() + ms;
  let spins = 0;
  while (performance.now() < until) spins += 1;
  return spins;
}

/**
 * Sends a chat message on the socket as the web app does: refused with RETRY_LATER, it is sent
 * again after the retry-after (a shared machine may stall the node on its own). Bounded.
 */
async function sendUntilAccepted(live: Live, topic: string, ref: string, body: string) {
  let answer: LiveMessage = { type: "none" };
  for (let attempt = 0; attempt < 10; attempt += 1) {
    answer = await live.request(topic, "chat", ref, { body });
    if (answer.type !== "refused" || answer.code !== "RETRY_LATER") return answer;
    await sleep(answer.retryAfterMs as number);
  }
  return answer;
}

async function storedMessages(readingId: string) {
  const result = await t.database.pool.query<{ count: number }>(
    "select count(*)::int as count from session_messages where session_id = $1",
    [readingId],
  );
  return result.rows[0]?.count ?? 0;
}

describe("chat load shedding", () => {
  it("refuses new messages with RETRY_LATER while the node runs late, and takes them again after", async () => {
    const { client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const topic = `reading:${readingId}`;
    expect(await sendUntilAccepted(clientLive, topic, "shed-before-0001", "Before the stall")).toMatchObject({
      type: "reply",
    });
    expect(await storedMessages(readingId)).toBe(1);

    // The node's event loop is held up (as when other processes take its CPU).
    expect(stallEventLoop(STALL_MS)).toBeGreaterThan(0);
    await sleep(50);
    // A message on the socket is refused, typed, with when to send it again; nothing is stored.
    const refused = await clientLive.request(topic, "chat", "shed-during-0001", { body: "During the stall" });
    expect(refused).toMatchObject({ type: "refused", code: "RETRY_LATER" });
    expect(refused.retryAfterMs).toBeGreaterThanOrEqual(500);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(6_000);
    // Over HTTP too: 503 with the same code, the retry-after in the body and in Retry-After.
    const posted = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, client.cookie, {
      clientMessageId: "shed-during-0002",
      body: "During the stall, over HTTP",
    });
    expect(posted.statusCode).toBe(503);
    expect(posted.json().error).toMatchObject({ code: "RETRY_LATER" });
    expect(posted.json().error.retryAfterMs).toBeGreaterThanOrEqual(500);
    expect(Number(posted.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await storedMessages(readingId)).toBe(1);

    // After the retry-after the node is on time again: the same message goes through, once.
    await sleep(refused.retryAfterMs as number);
    const resent = await sendUntilAccepted(clientLive, topic, "shed-during-0001", "During the stall");
    expect(resent).toMatchObject({ type: "reply", data: { body: "During the stall" } });
    const heard = await readerLive.next(
      (message) => message.event === "reading.message" && message.data?.message !== undefined,
    );
    expect(heard.data).toMatchObject({ message: { body: "Before the stall" } });
    expect(await storedMessages(readingId)).toBe(2);
    clientLive.close();
    readerLive.close();
  });
});
