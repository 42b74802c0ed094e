import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";
import { SESSION_TEST_ENV, sessionKit } from "../../../test/sessions-kit.js";

let t: TestApp;
let baseUrl: string;
let kit: ReturnType<typeof sessionKit>;
beforeAll(async () => {
  t = await createTestApp(SESSION_TEST_ENV);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = sessionKit(t, baseUrl);
});
afterAll(async () => {
  await t.close();
});

const messageId = () => randomUUID().replaceAll("-", "");

describe("chat in a reading", () => {
  it("delivers messages live to the room, keeps the transcript, and confirms delivery", async () => {
    const { client, reader, sessionId, clientLive, readerLive } = await kit.activeSession(1000);
    const clientMessageId = messageId();
    const sent = await kit.call("POST", `/api/v1/sessions/${sessionId}/messages`, client.cookie, {
      clientMessageId,
      body: "  What does the Tower mean for my job? <b>bold?</b>  ",
    });
    expect(sent.statusCode).toBe(201);
    const message = sent.json().message;
    expect(message).toMatchObject({
      body: "What does the Tower mean for my job? <b>bold?</b>",
      deliveredAt: null,
    });
    const heard = await readerLive.next((live) => live.event === "session.message");
    expect(heard.data).toMatchObject({ message: { id: message.id, senderUserId: client.user.id } });

    // A resend (a retry after a lost response) stores nothing new.
    const again = await kit.call("POST", `/api/v1/sessions/${sessionId}/messages`, client.cookie, {
      clientMessageId,
      body: "What does the Tower mean for my job?",
    });
    expect(again.json().message.id).toBe(message.id);

    const delivered = await kit.call(
      "POST",
      `/api/v1/sessions/${sessionId}/messages/delivered`,
      reader.cookie,
      {
        messageId: message.id,
      },
    );
    expect(delivered.json()).toEqual({ changed: 1 });
    const receipt = await clientLive.next((live) => live.event === "session.delivered");
    expect(receipt.data).toMatchObject({ by: reader.user.id });

    await kit.call("POST", `/api/v1/sessions/${sessionId}/messages`, reader.cookie, {
      clientMessageId: messageId(),
      body: "Sudden change that clears the way.",
    });
    await kit.call("POST", `/api/v1/sessions/${sessionId}/end`, client.cookie);
    const transcript = await kit.call("GET", `/api/v1/sessions/${sessionId}/messages`, client.cookie);
    expect(transcript.json().items.map((item: { body: string }) => item.body)).toEqual([
      "What does the Tower mean for my job? <b>bold?</b>",
      "Sudden change that clears the way.",
    ]);
    expect(transcript.json().items[0].deliveredAt).not.toBeNull();
    clientLive.close();
    readerLive.close();
  });

  it("refuses messages while the reading is not running, and bad or foreign input", async () => {
    const { client, reader, sessionId, clientLive, readerLive } = await kit.activeSession(1000);
    const stranger = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    const post = (cookie: string | null, payload: object) =>
      kit.call("POST", `/api/v1/sessions/${sessionId}/messages`, cookie, payload);
    expect((await post(client.cookie, { clientMessageId: messageId(), body: "   " })).statusCode).toBe(400);
    expect(
      (await post(client.cookie, { clientMessageId: messageId(), body: "x".repeat(2001) })).statusCode,
    ).toBe(400);
    expect((await post(client.cookie, { clientMessageId: "no spaces!", body: "hi" })).statusCode).toBe(400);
    expect((await post(stranger.cookie, { clientMessageId: messageId(), body: "hi" })).statusCode).toBe(404);
    expect((await post(admin.cookie, { clientMessageId: messageId(), body: "hi" })).statusCode).toBe(403);
    expect((await post(null, { clientMessageId: messageId(), body: "hi" })).statusCode).toBe(401);
    expect(
      (await kit.call("GET", `/api/v1/sessions/${sessionId}/messages`, stranger.cookie)).statusCode,
    ).toBe(404);
    expect((await kit.call("GET", `/api/v1/sessions/${sessionId}/messages`, admin.cookie)).statusCode).toBe(
      200,
    );

    // A drop pauses the reading: no free chatting while it is not billed.
    await kit.leave(readerLive);
    const paused = await post(client.cookie, { clientMessageId: messageId(), body: "are you there?" });
    expect(paused.statusCode).toBe(409);
    await kit.call("POST", `/api/v1/sessions/${sessionId}/end`, reader.cookie);
    const ended = await post(client.cookie, { clientMessageId: messageId(), body: "thanks" });
    expect(ended.statusCode).toBe(409);
    const transcript = await kit.call("GET", `/api/v1/sessions/${sessionId}/messages`, client.cookie);
    expect(transcript.json().items).toEqual([]);
    clientLive.close();
  });
});

describe("signals in the room (typing, WebRTC)", () => {
  it("relays a member's signal to the room with the sender stamped, and refuses outsiders", async () => {
    const { client, reader, sessionId, clientLive, readerLive } = await kit.activeSession(1000);
    clientLive.send({ type: "signal", topic: `session:${sessionId}`, kind: "typing", data: {} });
    const typing = await readerLive.next((live) => live.event === "signal");
    expect(typing.data).toEqual({ from: client.user.id, kind: "typing", data: {} });

    readerLive.send({
      type: "signal",
      topic: `session:${sessionId}`,
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
      topic: `session:${sessionId}`,
      kind: "rtc-offer",
      data: { from: client.user.id },
    });
    expect(await snoop.next((live) => live.type === "error")).toMatchObject({ code: "FORBIDDEN" });
    snoop.send({ type: "signal", topic: `session:${sessionId}`, kind: "shout", data: {} });
    expect(await snoop.next((live) => live.type === "error")).toMatchObject({ code: "VALIDATION_FAILED" });
    snoop.close();
    await kit.call("POST", `/api/v1/sessions/${sessionId}/end`, client.cookie);
    clientLive.close();
    readerLive.close();
  });
});
