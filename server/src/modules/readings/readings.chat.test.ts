import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually, openLive } from "../../../test/live-client.js";
import { READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";
import { decodeEvents, EVENT_CHANNEL, encodeEvent } from "../../platform/realtime/event-bus.js";
import { createChatRepository } from "./readings.chat.repository.js";

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

const messageId = () => randomUUID().replaceAll("-", "");

describe("chat in a reading", () => {
  it("hides contact details from both sides, and tells the room when the client may be in crisis", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const say = async (cookie: string, body: string) => {
      const sent = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, cookie, {
        clientMessageId: messageId(),
        body,
      });
      expect(sent.statusCode, sent.body).toBe(201);
      return sent.json().message as { id: string; body: string };
    };
    const contact = await say(reader.cookie, "Text me on +1 415 555 0134 or see mysite.com");
    expect(contact.body).toBe("Text me on [number hidden] or see [link hidden]");
    const heard = await clientLive.next((live) => live.event === "reading.message");
    expect(heard.data).toMatchObject({
      message: { body: "Text me on [number hidden] or see [link hidden]" },
    });

    // A reader's words, and a client's everyday ones, raise nothing; the client's cry does.
    await say(reader.cookie, "Some people feel they want to die when the Death card shows; it means change.");
    await say(client.cookie, "The deadline at work is killing me, haha");
    const cry = await say(client.cookie, "i just want to end my life");
    expect(cry.body).toBe("i just want to end my life");
    for (const live of [clientLive, readerLive]) {
      const crisis = await live.next((event) => event.event === "reading.crisis");
      expect(crisis.data).toEqual({ messageId: cry.id, clientUserId: client.user.id });
    }
    expect(readerLive.messages.filter((event) => event.event === "reading.crisis")).toHaveLength(1);
    // After a reload (or on another device) the transcript names the client's message again, for
    // both sides; the reader's words and the everyday ones are not named.
    for (const cookie of [client.cookie, reader.cookie]) {
      const transcript = await kit.call("GET", `/api/v1/readings/${readingId}/messages`, cookie);
      expect(transcript.json().crisisMessageIds).toEqual([cry.id]);
    }
    await Promise.all([clientLive.close(), readerLive.close()]);
  });

  it("delivers messages live to the room, keeps the transcript, and confirms delivery", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const clientMessageId = messageId();
    const sent = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, client.cookie, {
      clientMessageId,
      body: "  What does the Tower mean for my job? <b>bold?</b>  ",
    });
    expect(sent.statusCode).toBe(201);
    const message = sent.json().message;
    expect(message).toMatchObject({
      body: "What does the Tower mean for my job? <b>bold?</b>",
      deliveredAt: null,
    });
    const heard = await readerLive.next((live) => live.event === "reading.message");
    expect(heard.data).toMatchObject({ message: { id: message.id, senderUserId: client.user.id } });

    // A resend (a retry after a lost response) stores nothing new.
    const again = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, client.cookie, {
      clientMessageId,
      body: "What does the Tower mean for my job?",
    });
    expect(again.json().message.id).toBe(message.id);

    const delivered = await kit.call(
      "POST",
      `/api/v1/readings/${readingId}/messages/delivered`,
      reader.cookie,
      {
        messageId: message.id,
      },
    );
    expect(delivered.json()).toEqual({ changed: 1 });
    const receipt = await clientLive.next((live) => live.event === "reading.delivered");
    expect(receipt.data).toMatchObject({ by: reader.user.id });

    // A lone surrogate (sent as a JSON escape) cannot be stored as UTF-8: the answer, the live
    // event and the transcript all carry U+FFFD in its place.
    const replied = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, reader.cookie, {
      clientMessageId: messageId(),
      body: "Sudden change that clears the way \ud83c.",
    });
    expect(replied.json().message.body).toBe("Sudden change that clears the way \ufffd.");
    const live = await clientLive.next(
      (event) =>
        event.event === "reading.message" &&
        (event.data?.message as { senderUserId?: string } | undefined)?.senderUserId === reader.user.id,
    );
    expect(live.data).toMatchObject({ message: { body: "Sudden change that clears the way \ufffd." } });
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    const transcript = await kit.call("GET", `/api/v1/readings/${readingId}/messages`, client.cookie);
    expect(transcript.json().items.map((item: { body: string }) => item.body)).toEqual([
      "What does the Tower mean for my job? <b>bold?</b>",
      "Sudden change that clears the way \ufffd.",
    ]);
    expect(transcript.json().items[0].deliveredAt).not.toBeNull();
    clientLive.close();
    readerLive.close();
  });

  it("refuses messages while the reading is not running, and bad or foreign input", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const stranger = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    const post = (cookie: string | null, payload: object) =>
      kit.call("POST", `/api/v1/readings/${readingId}/messages`, cookie, payload);
    expect((await post(client.cookie, { clientMessageId: messageId(), body: "   " })).statusCode).toBe(400);
    expect(
      (await post(client.cookie, { clientMessageId: messageId(), body: "x".repeat(2001) })).statusCode,
    ).toBe(400);
    expect((await post(client.cookie, { clientMessageId: "no spaces!", body: "hi" })).statusCode).toBe(400);
    // PostgreSQL text cannot hold NUL: refused up front (it would fail the shared batch statement).
    expect((await post(client.cookie, { clientMessageId: messageId(), body: "a\u0000b" })).statusCode).toBe(
      400,
    );
    expect((await post(stranger.cookie, { clientMessageId: messageId(), body: "hi" })).statusCode).toBe(404);
    expect((await post(admin.cookie, { clientMessageId: messageId(), body: "hi" })).statusCode).toBe(403);
    expect((await post(null, { clientMessageId: messageId(), body: "hi" })).statusCode).toBe(401);
    expect(
      (await kit.call("GET", `/api/v1/readings/${readingId}/messages`, stranger.cookie)).statusCode,
    ).toBe(404);
    expect((await kit.call("GET", `/api/v1/readings/${readingId}/messages`, admin.cookie)).statusCode).toBe(
      200,
    );

    // A drop pauses the reading: no free chatting while it is not billed.
    await kit.leave(readerLive);
    const paused = await post(client.cookie, { clientMessageId: messageId(), body: "are you there?" });
    expect(paused.statusCode).toBe(409);
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, reader.cookie);
    const ended = await post(client.cookie, { clientMessageId: messageId(), body: "thanks" });
    expect(ended.statusCode).toBe(409);
    const transcript = await kit.call("GET", `/api/v1/readings/${readingId}/messages`, client.cookie);
    expect(transcript.json().items).toEqual([]);
    clientLive.close();
  });
});

describe("a burst of concurrent messages (stored and published in shared batches)", () => {
  it("stores and publishes each message once, answers resends with the first, and refuses outsiders", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const other = await kit.activeReading(1000);
    const stranger = await t.signedIn("client");
    let address = 0;
    // Each request from its own address, so the per-address send limit stays out of the way.
    const post = (cookie: string, target: string, clientMessageId: string, body: string) => {
      address += 1;
      return t.app.inject({
        method: "POST",
        url: `/api/v1/readings/${target}/messages`,
        headers: { origin: TEST_ORIGIN, cookie },
        remoteAddress: `198.51.100.${address}`,
        payload: { clientMessageId, body },
      });
    };
    const ids = Array.from({ length: 12 }, () => messageId());
    const sender = (index: number) => (index % 2 === 0 ? client : reader);
    const burst = await Promise.all([
      ...ids.map((id, index) => post(sender(index).cookie, readingId, id, `message ${index}`)),
      // Retries racing their originals.
      ...ids.slice(0, 4).map((id, index) => post(sender(index).cookie, readingId, id, `message ${index}`)),
      post(stranger.cookie, readingId, messageId(), "let me in"),
      post(other.client.cookie, other.readingId, messageId(), "elsewhere"),
    ]);
    expect(burst.map((response) => response.statusCode)).toEqual([...Array(16).fill(201), 404, 201]);
    const stored = burst.slice(0, 12).map((response) => response.json().message);
    expect(burst.slice(12, 16).map((response) => response.json().message.id)).toEqual(
      stored.slice(0, 4).map((message) => message.id),
    );
    expect(stored.map((message) => message.senderUserId)).toEqual(
      ids.map((_, index) => sender(index).user.id),
    );

    const transcript = await kit.call("GET", `/api/v1/readings/${readingId}/messages`, client.cookie);
    expect(
      transcript
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual(stored.map((message) => message.id).sort());
    // Every socket in the room hears every message once (its own side's too).
    for (const live of [clientLive, readerLive]) {
      const heard = () => live.messages.filter((message) => message.event === "reading.message");
      await eventually(async () => heard().length >= 12, true);
      await kit.drained(live, `reading:${readingId}`);
      const heardIds = heard().map((message) => (message.data as { message: { id: string } }).message.id);
      expect(heardIds.sort()).toEqual(stored.map((message) => message.id).sort());
    }
    for (const reading of [readingId, other.readingId]) {
      await kit.call(
        "POST",
        `/api/v1/readings/${reading}/end`,
        reading === readingId ? client.cookie : other.client.cookie,
      );
    }
    for (const live of [clientLive, readerLive, other.clientLive, other.readerLive]) live.close();
  });

  it("one batch statement decides each message on its own: stored, resent, foreign, not running, unknown", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const stranger = await t.signedIn("client");
    const repository = createChatRepository();
    const row = (reading: string, senderUserId: string, clientMessageId: string) => {
      const id = randomUUID();
      return {
        id,
        readingId: reading,
        senderUserId,
        clientMessageId,
        body: `body of ${clientMessageId}`,
        createdAt: new Date(),
        eventPayload: JSON.stringify({ topic: `reading:${reading}`, type: "reading.message", data: { id } }),
      };
    };
    const repeated = messageId();
    const rows = [
      row(readingId, client.user.id, repeated),
      row(readingId, reader.user.id, messageId()),
      row(readingId, client.user.id, repeated),
      row(readingId, stranger.user.id, messageId()),
      row(randomUUID(), client.user.id, messageId()),
    ];
    const tricky = `a "quoted", {braced} \\ back'slash — ünïcode 🎴 NULL null\n\ttab \u0001 \\u0000 \\"`;
    if (rows[1]) rows[1].body = tricky;
    const outcomes = await repository.insertManyIfActive(t.database.db, rows, EVENT_CHANNEL);
    // Stored, stored, a resend (not stored again), a stranger to the reading, no such reading.
    expect(outcomes).toEqual(["stored", "stored", "active", "missing", "missing"]);
    // Published once per stored message, in batch order.
    const first = await readerLive.next((live) => live.event === "reading.message");
    const second = await readerLive.next((live) => live.event === "reading.message");
    expect([first.data?.id, second.data?.id]).toEqual([rows[0]?.id, rows[1]?.id]);
    await kit.drained(readerLive, `reading:${readingId}`);
    expect(readerLive.messages.filter((live) => live.event === "reading.message")).toHaveLength(2);

    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    const ended = await repository.insertManyIfActive(
      t.database.db,
      [row(readingId, client.user.id, messageId())],
      EVENT_CHANNEL,
    );
    expect(ended).toEqual(["finalized"]);
    expect(await repository.count(t.database.db, readingId)).toBe(2);
    // Bodies go through array parameters unchanged, whatever they contain.
    expect(
      (await repository.list(t.database.db, readingId, null, 10)).map((message) => message.body),
    ).toEqual([rows[0]?.body, tricky]);
    clientLive.close();
    readerLive.close();
  });

  it("packs a batch's events into few notifications, splitting before the payload limit", async () => {
    const { client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const repository = createChatRepository();
    const listener = await t.database.pool.connect();
    const notifications: string[] = [];
    const onNotification = (message: { channel: string; payload?: string }) => {
      if (message.channel === EVENT_CHANNEL) notifications.push(message.payload ?? "");
    };
    listener.on("notification", onNotification);
    await listener.query(`listen ${EVENT_CHANNEL}`);
    try {
      // Three events of about 3,000 bytes each (🎴 is 4 bytes): two fit a notification, a third does not.
      const rows = [0, 1, 2, 3, 4].map((index) => {
        const id = randomUUID();
        const clientMessageId = messageId();
        const body = `${index} ${"🎴".repeat(740)}`;
        return {
          id,
          readingId,
          senderUserId: client.user.id,
          clientMessageId,
          body,
          createdAt: new Date(),
          eventPayload: encodeEvent({
            topic: `reading:${readingId}`,
            type: "reading.message",
            data: { message: { id, senderUserId: client.user.id, clientMessageId, body } },
          }),
        };
      });
      const outcomes = await repository.insertManyIfActive(t.database.db, rows, EVENT_CHANNEL);
      expect(outcomes.every((outcome) => outcome === "stored")).toBe(true);
      expect(await eventually(async () => notifications.length, 3)).toBe(3);
      for (const payload of notifications) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7900);
      expect(notifications.map((payload) => decodeEvents(payload).length)).toEqual([2, 2, 1]);
      // Every node's sockets hear each message once, in batch order.
      const heard: string[] = [];
      for (const _ of rows) {
        const live = await readerLive.next((message) => message.event === "reading.message");
        heard.push((live.data?.message as { id?: string } | undefined)?.id ?? "");
      }
      expect(heard).toEqual(rows.map((row) => row.id));
    } finally {
      listener.off("notification", onNotification);
      await listener.query(`unlisten ${EVENT_CHANNEL}`);
      listener.release();
    }
    clientLive.close();
    readerLive.close();
  });
});

describe("signals in the room (typing, WebRTC)", () => {
  it("relays a member's signal to the room with the sender stamped, and refuses outsiders", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    clientLive.send({ type: "signal", topic: `reading:${readingId}`, kind: "typing", data: {} });
    const typing = await readerLive.next((live) => live.event === "signal");
    expect(typing.data).toEqual({ from: client.user.id, kind: "typing", data: {} });

    readerLive.send({
      type: "signal",
      topic: `reading:${readingId}`,
      kind: "rtc-offer",
      data: { sdp: "v=0 fake offer", type: "offer" },
    });
    const offer = await clientLive.next((live) => live.event === "signal" && live.data?.kind === "rtc-offer");
    expect(offer.data).toEqual({
      from: reader.user.id,
      kind: "rtc-offer",
      data: { sdp: "v=0 fake offer", type: "offer" },
    });

    // Someone outside the room cannot signal into it, even with a forged sender.
    const stranger = await t.signedIn("client");
    const snoop = await openLive(baseUrl, { cookie: stranger.cookie, origin: TEST_ORIGIN });
    snoop.send({
      type: "signal",
      topic: `reading:${readingId}`,
      kind: "rtc-offer",
      data: { from: client.user.id },
    });
    expect(await snoop.next((live) => live.type === "error")).toMatchObject({ code: "FORBIDDEN" });
    snoop.send({ type: "signal", topic: `reading:${readingId}`, kind: "shout", data: {} });
    expect(await snoop.next((live) => live.type === "error")).toMatchObject({ code: "VALIDATION_FAILED" });
    snoop.close();
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    clientLive.close();
    readerLive.close();
  });
});
