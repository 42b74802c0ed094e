import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually, type LiveMessage, openLive } from "../../../test/live-client.js";
import { type Live, READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";
import { createChatRepository } from "./readings.chat.repository.js";
import { CHAT_BUDGET_PER_USER } from "./readings.room.js";

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

const repository = createChatRepository();
const messageId = () => randomUUID().replaceAll("-", "");
const stored = (readingId: string) => repository.count(t.database.db, readingId);

/** Sends a chat request (its ref is the message's client id) and waits for its answer. */
const chat = (live: Live, readingId: string, clientMessageId: string, body: string) =>
  live.request(`reading:${readingId}`, "chat", clientMessageId, { body });
/** Confirms delivery up to a message on the socket and waits for the answer. */
const delivered = (live: Live, readingId: string, messageId: string) =>
  live.request(`reading:${readingId}`, "delivered", randomUUID().replaceAll("-", ""), { messageId });
const heardMessages = (live: Live) =>
  live.messages.filter((message: LiveMessage) => message.event === "reading.message");

describe("chat over the live socket", () => {
  it("stores a message sent on the socket, delivers it to the room, acks it, and takes delivery ticks", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    // The client's second tab, in the room too.
    const clientTab = await kit.joinRoom(client.cookie, readingId);
    const clientMessageId = messageId();
    const ack = await chat(clientLive, readingId, clientMessageId, "  Will the move go well?  ");
    expect(ack).toMatchObject({
      type: "reply",
      ref: clientMessageId,
      data: {
        readingId,
        senderUserId: client.user.id,
        clientMessageId,
        body: "Will the move go well?",
        deliveredAt: null,
      },
    });
    const message = ack.data as { id: string; createdAt: string };
    const heard = await readerLive.next((live) => live.event === "reading.message");
    expect(heard.data).toEqual({ message: ack.data });
    // The other tab hears it as an event; the sending socket has it in its ack, not twice.
    const inOtherTab = await clientTab.next((live) => live.event === "reading.message");
    expect(inOtherTab.data).toEqual({ message: ack.data });

    // A resend (the ack was lost) answers the stored message again and publishes nothing new.
    const again = await chat(clientLive, readingId, clientMessageId, "Will the move go well?");
    expect(again).toMatchObject({ type: "reply", data: { id: message.id } });
    // Events reach each node in commit order: once a later message arrives, a published resend
    // would have arrived before it.
    const later = await chat(readerLive, readingId, messageId(), "Let me shuffle.");
    await clientTab.next(
      (live) =>
        live.event === "reading.message" &&
        (live.data as { message: { id: string } }).message.id === (later.data as { id: string }).id,
    );
    await clientLive.next((live) => live.event === "reading.message");
    expect(heardMessages(readerLive)).toHaveLength(1);
    expect(heardMessages(clientTab)).toHaveLength(2);
    expect(heardMessages(clientLive)).toHaveLength(1);
    expect(await stored(readingId)).toBe(2);

    // The reader's app confirms it shows the message, on its socket; the client hears it.
    expect(await delivered(readerLive, readingId, message.id)).toMatchObject({
      type: "reply",
      data: { changed: 1 },
    });
    const receipt = await clientLive.next((live) => live.event === "reading.delivered");
    expect(receipt.data).toMatchObject({ by: reader.user.id, upTo: message.id });
    // A tick for a message that is not there is refused with a typed error.
    const unknown = randomUUID();
    expect(await delivered(readerLive, readingId, unknown)).toMatchObject({
      type: "refused",
      code: "NOT_FOUND",
    });

    const reply = await chat(readerLive, readingId, messageId(), "It will, after a slow start.");
    expect(reply).toMatchObject({ type: "reply", data: { senderUserId: reader.user.id } });
    // The other participant's socket hears the reply as an event.
    const replied = await clientLive.next((live) => live.event === "reading.message");
    expect(replied.data).toEqual({ message: reply.data });
    const transcript = await kit.call("GET", `/api/v1/readings/${readingId}/messages`, client.cookie);
    expect(transcript.json().items).toMatchObject([
      { id: message.id, body: "Will the move go well?", deliveredAt: expect.any(String) },
      { body: "Let me shuffle.", deliveredAt: null },
      { body: "It will, after a slow start.", deliveredAt: null },
    ]);
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    for (const live of [clientLive, clientTab, readerLive]) await live.close();
  });

  it("refuses, storing nothing: outside the room, signed out, a stranger, bad input, a reading not running", async () => {
    const { client, reader, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const other = await kit.activeReading(1000);

    // The participant's second socket has not joined the room.
    const outside = await openLive(baseUrl, { cookie: client.cookie, origin: TEST_ORIGIN });
    expect(await chat(outside, readingId, messageId(), "hi")).toMatchObject({
      type: "refused",
      code: "FORBIDDEN",
    });
    const anonymous = await openLive(baseUrl, { origin: TEST_ORIGIN });
    expect(await chat(anonymous, readingId, messageId(), "hi")).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await delivered(anonymous, readingId, randomUUID())).toMatchObject({ code: "UNAUTHENTICATED" });
    // A third user cannot join the room, so cannot send into it either.
    const stranger = await t.signedIn("client");
    const snoop = await openLive(baseUrl, { cookie: stranger.cookie, origin: TEST_ORIGIN });
    expect(await snoop.subscribe([`reading:${readingId}`])).toMatchObject({
      refused: [`reading:${readingId}`],
    });
    expect(await chat(snoop, readingId, messageId(), "let me in")).toMatchObject({ code: "FORBIDDEN" });
    // A member of one room cannot send into another through it.
    expect(await chat(other.clientLive, readingId, messageId(), "wrong room")).toMatchObject({
      code: "FORBIDDEN",
    });

    const refusedWith = async (body: unknown, clientMessageId: unknown = messageId()) => {
      clientLive.send({
        type: "request",
        topic: `reading:${readingId}`,
        name: "chat",
        ref: clientMessageId,
        data: { body },
      });
      return clientLive.next((live) => live.type === "refused");
    };
    expect(await refusedWith("   ")).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await refusedWith("")).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await refusedWith("x".repeat(2001))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await refusedWith("a\u0000b")).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await refusedWith(42)).toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await refusedWith("hi", "no spaces!")).toMatchObject({
      code: "VALIDATION_FAILED",
      ref: "no spaces!",
    });
    expect(await refusedWith("hi", "short")).toMatchObject({ code: "VALIDATION_FAILED" });
    // The longest allowed body goes through (the limit is the POST route's).
    expect(await chat(clientLive, readingId, messageId(), "y".repeat(2000))).toMatchObject({ type: "reply" });
    expect(await stored(readingId)).toBe(1);

    // A drop pauses the reading: the socket still in the room is told the reading is not running.
    await kit.leave(readerLive);
    expect(await chat(clientLive, readingId, messageId(), "are you there?")).toMatchObject({
      code: "CONFLICT",
    });
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, reader.cookie);
    expect(await chat(clientLive, readingId, messageId(), "thanks")).toMatchObject({ code: "CONFLICT" });
    expect(await stored(readingId)).toBe(1);
    expect(await stored(other.readingId)).toBe(0);
    for (const live of [clientLive, outside, anonymous, snoop, other.clientLive, other.readerLive]) {
      await live.close();
    }
    await kit.call("POST", `/api/v1/readings/${other.readingId}/end`, other.client.cookie);
  });

  it("limits chat per user, however many sockets the user opens", async () => {
    const { client, readingId, clientLive, readerLive } = await kit.activeReading(1000);
    const more = [await kit.joinRoom(client.cookie, readingId), await kit.joinRoom(client.cookie, readingId)];
    const sockets = [clientLive, ...more];
    const total = CHAT_BUDGET_PER_USER.count + 3;
    // Spread over three sockets, so no socket reaches its own per-socket budget.
    for (let index = 0; index < total; index += 1) {
      const live = sockets[index % sockets.length] as Live;
      live.send({
        type: "request",
        topic: `reading:${readingId}`,
        name: "chat",
        ref: messageId(),
        data: { body: `message ${index}` },
      });
    }
    const answersOf = () =>
      sockets.flatMap((live) =>
        live.messages.filter((message) => message.type === "reply" || message.type === "refused"),
      );
    await eventually(async () => answersOf().length >= total, true);
    const answers = answersOf();
    const acked = answers.filter((answer) => answer.type === "reply");
    const limited = answers.filter((answer) => answer.type === "refused");
    expect(acked).toHaveLength(CHAT_BUDGET_PER_USER.count);
    expect(limited).toHaveLength(3);
    for (const answer of limited) expect(answer.code).toBe("RATE_LIMITED");
    expect(await stored(readingId)).toBe(CHAT_BUDGET_PER_USER.count);
    // The other participant has a budget of its own.
    expect(await chat(readerLive, readingId, messageId(), "still here")).toMatchObject({ type: "reply" });

    // A new window (the clock moves on) gives the user a fresh budget.
    t.clock.advance(CHAT_BUDGET_PER_USER.windowMs);
    expect(await chat(more[0] as Live, readingId, messageId(), "again")).toMatchObject({ type: "reply" });
    await kit.call("POST", `/api/v1/readings/${readingId}/end`, client.cookie);
    for (const live of [...sockets, readerLive]) await live.close();
  });
});
