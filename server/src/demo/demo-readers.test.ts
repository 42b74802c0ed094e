import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from "../../test/harness.js";
import { eventually, type LiveMessage } from "../../test/live-client.js";
import { READING_TEST_ENV, readingKit } from "../../test/readings-kit.js";
import { randomFrom } from "../seed/demo-random.js";
import { type DemoReaderTimings, startDemoReaders } from "./demo-readers.js";

const RATE = 199;
/** Quick, but human-like in shape: a pause before each answer. */
const QUICK: Partial<DemoReaderTimings> = {
  acceptDelayMs: [10, 30],
  greetingDelayMs: 10,
  replyDelayMs: [20, 60],
  goodbyeToEndMs: 30,
  roomPingMs: 200,
  reconnectDelaysMs: [50, 100],
};

describe("automatic demo readers", () => {
  let t: TestApp;
  let baseUrl: string;
  let kit: ReturnType<typeof readingKit>;
  let reader: { userId: string; email: string; slug: string };
  const logger = pino({ level: "silent" });

  beforeAll(async () => {
    t = await createTestApp(READING_TEST_ENV);
    baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
    kit = readingKit(t, baseUrl);
    const created = await t.createReader({ rates: { chat: RATE, voice: 299 }, automaticDemo: true });
    reader = { userId: created.user.id, email: created.user.email, slug: created.reader.slug };
  });
  afterAll(async () => {
    await t?.close();
  });

  const start = (timings: Partial<DemoReaderTimings>) =>
    startDemoReaders({
      baseUrl,
      origin: TEST_ORIGIN,
      accounts: [{ email: reader.email, password: TEST_PASSWORD, slug: reader.slug }],
      logger,
      timings: { ...QUICK, ...timings },
      random: randomFrom("demo-readers-test"),
    });
  const fromReader = (message: LiveMessage) =>
    message.event === "reading.message" &&
    (message.data?.message as { senderUserId?: string } | undefined)?.senderUserId === reader.userId;
  const bodyOf = (message: LiveMessage) =>
    String((message.data?.message as { body?: string } | undefined)?.body);

  async function requestChat(balanceCents: number, modality: "chat" | "voice" = "chat") {
    const client = await kit.fundedClient(balanceCents);
    const requested = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.userId,
      modality,
      expectedRatePerUnitCents: modality === "chat" ? RATE : 299,
    });
    expect(requested.statusCode).toBe(201);
    return { client, readingId: requested.json().reading.id as string };
  }

  it("accepts a chat reading, greets, answers a message and ends it; the client pays connected time only", async () => {
    const demo = start({ readingLengthMs: 6_000, quietEndMs: 60_000 });
    try {
      await demo.started;
      expect(demo.running()).toBe(1);
      expect(await eventually(() => kit.readerStatus(reader.userId), "online")).toBe("online");

      const { client, readingId } = await requestChat(1_000);
      expect(await eventually(() => kit.state(readingId), "waiting")).toBe("waiting");
      // Waiting for the client to join is never billed.
      t.clock.advance(30_000);
      const live = await kit.joinRoom(client.cookie, readingId);
      expect(await kit.state(readingId)).toBe("active");
      // Two and a half minutes in (on the server's clock), the client asks; the reader answers.
      t.clock.advance(150_000);
      const greeting = bodyOf(await live.next(fromReader));
      expect(greeting).toMatch(/automatic demo reader/);
      const sent = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, client.cookie, {
        clientMessageId: "client-question-1",
        body: "Will my new job work out?",
      });
      expect(sent.statusCode).toBe(201);
      const answer = bodyOf(await live.next(fromReader));
      expect(answer).not.toBe(greeting);

      // When its time is up the reader says goodbye and ends the reading.
      const goodbye = bodyOf(await live.next(fromReader, 15_000));
      expect(goodbye).not.toBe(answer);
      expect(await eventually(() => kit.state(readingId), "finalized", 10_000)).toBe("finalized");
      const settled = await kit.reading(readingId);
      expect(settled).toMatchObject({ end_cause: "ended_by_reader", billed_ms: 150_000 });
      // Two whole minutes and half of the third, by the second: 2 × 199 + 99.
      expect(settled.charged_cents).toBe(497);
      expect(await t.services.ledger.balance(client.user.id)).toBe(1_000 - 497);
      await live.close();
      // Free again for the next client.
      expect(await eventually(() => kit.readerStatus(reader.userId), "online")).toBe("online");
    } finally {
      await demo.stop();
    }
  });

  it("answers messages: free first, then a $1.00 paid reply with a preview", async () => {
    const demo = start({});
    try {
      await demo.started;
      const client = await kit.fundedClient(500);
      const opened = await kit.call("POST", "/api/v1/conversations", client.cookie, {
        readerUserId: reader.userId,
      });
      const conversationId = opened.json().conversation.id as string;
      const url = `/api/v1/conversations/${conversationId}/messages`;
      type Item = {
        side: string;
        body: string | null;
        locked: boolean;
        priceCents: number | null;
        preview: string | null;
      };
      /** The reader's messages once there are `count` of them (waiting up to 5 s). */
      const fromTheReader = async (count: number) => {
        const deadline = Date.now() + 5_000;
        for (;;) {
          const items = (await kit.call("GET", url, client.cookie)).json().items as Item[];
          const theirs = items.filter((item) => item.side === "reader");
          if (theirs.length >= count || Date.now() > deadline) return theirs;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      expect(
        (await kit.call("POST", url, client.cookie, { body: "Hello! Is love coming my way?" })).statusCode,
      ).toBe(201);
      const [free] = await fromTheReader(1);
      expect(free).toMatchObject({ locked: false, priceCents: null });
      expect(free?.body).toMatch(/^Thank you for writing\./);
      expect((await kit.call("POST", url, client.cookie, { body: "Tell me more please" })).statusCode).toBe(
        201,
      );
      const replies = await fromTheReader(2);
      expect(replies[1]).toMatchObject({
        locked: true,
        body: null,
        priceCents: 100,
        preview: "I drew two more cards for you…",
      });
    } finally {
      await demo.stop();
    }
  });

  it("ends a reading whose client goes quiet, and declines a voice request", async () => {
    const demo = start({ readingLengthMs: 60_000, quietEndMs: 1_500 });
    try {
      await demo.started;
      expect(await eventually(() => kit.readerStatus(reader.userId), "online")).toBe("online");
      const { client, readingId } = await requestChat(1_000);
      expect(await eventually(() => kit.state(readingId), "waiting")).toBe("waiting");
      const live = await kit.joinRoom(client.cookie, readingId);
      t.clock.advance(200_000);
      const messages = [bodyOf(await live.next(fromReader)), bodyOf(await live.next(fromReader, 10_000))];
      expect(messages[1]).toMatch(/stepped away|haven't heard from you/);
      expect(await eventually(() => kit.state(readingId), "finalized", 10_000)).toBe("finalized");
      expect(await kit.reading(readingId)).toMatchObject({
        end_cause: "ended_by_reader",
        billed_ms: 200_000,
      });
      await live.close();

      expect(await eventually(() => kit.readerStatus(reader.userId), "online")).toBe("online");
      const voice = await requestChat(2_000, "voice");
      expect(await eventually(() => kit.state(voice.readingId), "finalized")).toBe("finalized");
      expect(await kit.reading(voice.readingId)).toMatchObject({ end_cause: "declined", charged_cents: 0 });
    } finally {
      await demo.stop();
    }
  });

  it("signs in again and reconnects after its socket is closed, then answers the next request", async () => {
    const demo = start({ readingLengthMs: 60_000, quietEndMs: 60_000 });
    try {
      await demo.started;
      expect(await eventually(() => kit.readerStatus(reader.userId), "online")).toBe("online");
      const connected = () => Promise.resolve(t.services.hub.connectionCount);
      expect(await eventually(connected, 1)).toBe(1);
      // An account that stops being active loses its sockets (and its sign-ins stop working).
      await t.database.pool.query("update users set status = 'suspended' where id = $1", [reader.userId]);
      expect(await eventually(connected, 0)).toBe(0);
      await t.database.pool.query("update users set status = 'active' where id = $1", [reader.userId]);

      const { client, readingId } = await requestChat(1_000);
      expect(await eventually(() => kit.state(readingId), "waiting", 10_000)).toBe("waiting");
      const live = await kit.joinRoom(client.cookie, readingId);
      expect(bodyOf(await live.next(fromReader))).toMatch(/automatic demo reader/);
      expect((await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie)).statusCode).toBe(
        200,
      );
      expect(await kit.reading(readingId)).toMatchObject({
        state: "finalized",
        end_cause: "ended_by_client",
      });
      await live.close();
    } finally {
      await demo.stop();
    }
  });

  it("does not start for a reader who is not an automatic demo reader", async () => {
    const { user, reader: profile } = await t.createReader({ rates: { chat: RATE } });
    const demo = startDemoReaders({
      baseUrl,
      origin: TEST_ORIGIN,
      accounts: [{ email: user.email, password: TEST_PASSWORD, slug: profile.slug }],
      logger,
    });
    await demo.started;
    expect(demo.running()).toBe(0);
    expect(await kit.readerStatus(user.id)).toBe("offline");
    await demo.stop();
  });
});
