import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";
import { readingKit } from "../../../test/readings-kit.js";
import { webmHead, webmRecording } from "../../../test/webm.js";

/**
 * The video of live streams over real sockets on two app nodes sharing one database: the reader
 * publishes WebM to node A; viewers on A and on B (fed from A over the internal relay socket) get
 * the init segment and then media from a keyframe; the refusals close with the codes the pages act
 * on; a dropped publisher makes the stream "reconnecting"; an ended stream closes every viewer.
 */
let a: TestApp;
let b: TestApp;
let urlA = "";
let urlB = "";
beforeAll(async () => {
  a = await createTestApp();
  b = await createTestApp({}, { databaseUrl: a.url });
  urlA = await a.app.listen({ port: 0, host: "127.0.0.1" });
  urlB = await b.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const call = (method: "GET" | "POST", url: string, cookie: string | null, payload?: object) =>
  readingKit(a, "").call(method, url, cookie, payload);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MediaSocket {
  socket: WebSocket;
  received: Buffer[];
  closed: Promise<number>;
  bytes(): number;
}

/** Opens a media socket; answers once it is open (or refused at the upgrade, with the status). */
async function media(baseUrl: string, path: string, cookie: string | null): Promise<MediaSocket | number> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}${path}`, {
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
  });
  const received: Buffer[] = [];
  socket.on("message", (data: Buffer, isBinary: boolean) => {
    if (isBinary) received.push(data);
  });
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  return new Promise((resolve) => {
    socket.once("open", () =>
      resolve({
        socket,
        received,
        closed,
        bytes: () => received.reduce((sum, part) => sum + part.length, 0),
      }),
    );
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.once("error", () => {});
  });
}

async function opened(pending: Promise<MediaSocket | number>) {
  const result = await pending;
  if (typeof result === "number") throw new Error(`upgrade refused with ${result}`);
  return result;
}

async function liveStream(cookie: string, visibility = "public", start = true) {
  const created = await call("POST", "/api/v1/streams", cookie, {
    title: "Media test",
    topic: "Tarot",
    visibility,
    ...(visibility === "premium" ? { ticketPriceCents: 200 } : {}),
  });
  const id = created.json().stream.id as string;
  if (start) expect((await call("POST", `/api/v1/streams/${id}/start`, cookie)).statusCode).toBe(200);
  return id;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await sleep(25);
  }
}

describe("stream video", () => {
  it("relays the reader's WebM to viewers on both nodes, from a keyframe, and closes them at the end", async () => {
    const { user } = await a.createReader();
    const cookie = await a.signIn(user.email);
    const id = await liveStream(cookie);
    const viewerA = await opened(media(urlA, `/api/v1/streams/${id}/watch`, null));
    const publisher = await opened(media(urlA, `/api/v1/streams/${id}/publish`, cookie));
    // The publisher's node is registered before a viewer on B asks where the stream is.
    await until(
      async () =>
        (await a.database.pool.query("select 1 from stream_relays where stream_id = $1", [id])).rowCount ===
        1,
    );
    const viewerB = await opened(media(urlB, `/api/v1/streams/${id}/watch`, null));
    await until(() => b.services.streams !== undefined);

    const pieces = webmRecording({ seconds: 4, bitsPerSecond: 400_000, keyframeEveryMs: 500 });
    let sent = 0;
    for (const piece of pieces) {
      publisher.socket.send(piece.bytes);
      sent += piece.bytes.length;
      if (piece.atMs % 100 === 0) await sleep(10);
    }
    await until(() => viewerA.bytes() > sent / 2 && viewerB.bytes() > sent / 4);
    for (const viewer of [viewerA, viewerB]) {
      const first = viewer.received[0] as Buffer;
      expect(first.subarray(0, 4).equals(EBML_MAGIC)).toBe(true);
      // After the init segment: a Cluster (ID 1F 43 B6 75) that opens with a keyframe.
      expect((viewer.received[1] as Buffer).subarray(0, 4).toString("hex")).toBe("1f43b675");
    }

    const ended = await call("POST", `/api/v1/streams/${id}/end`, cookie);
    expect(ended.statusCode).toBe(200);
    expect(await viewerA.closed).toBe(4410);
    expect(await viewerB.closed).toBe(4410);
    expect(await publisher.closed).toBe(4410);
  });

  it("makes the stream reconnecting when the publisher drops, and live when it is back", async () => {
    const { user } = await a.createReader();
    const cookie = await a.signIn(user.email);
    const id = await liveStream(cookie);
    const first = await opened(media(urlA, `/api/v1/streams/${id}/publish`, cookie));
    await until(
      async () =>
        (await a.database.pool.query("select 1 from stream_relays where stream_id = $1", [id])).rowCount ===
        1,
    );
    first.socket.close();
    await until(
      async () => (await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status === "reconnecting",
    );
    // Back through the other node: the first chunk makes it live again.
    const again = await opened(media(urlB, `/api/v1/streams/${id}/publish`, cookie));
    again.socket.send(webmHead());
    await until(
      async () => (await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status === "live",
    );
    await call("POST", `/api/v1/streams/${id}/end`, cookie);
    expect(await again.closed).toBe(4410);
  });

  it("refuses who may not publish or watch, with the codes the pages act on", async () => {
    const { user } = await a.createReader();
    const cookie = await a.signIn(user.email);
    const other = await a.createReader();
    const otherCookie = await a.signIn(other.user.email);
    const client = await a.signedIn("client");

    const scheduled = await liveStream(cookie, "public", false);
    const early = await opened(media(urlA, `/api/v1/streams/${scheduled}/publish`, cookie));
    expect(await early.closed).toBe(4409);
    const notYet = await opened(media(urlA, `/api/v1/streams/${scheduled}/watch`, null));
    expect(await notYet.closed).toBe(4409);

    const id = await liveStream(cookie, "premium");
    const stranger = await opened(media(urlA, `/api/v1/streams/${id}/publish`, otherCookie));
    expect(await stranger.closed).toBe(4404);
    expect(await media(urlA, `/api/v1/streams/${id}/publish`, client.cookie)).toBe(403);
    expect(await media(urlA, `/api/v1/streams/${id}/publish`, null)).toBe(401);
    const noTicket = await opened(media(urlA, `/api/v1/streams/${id}/watch`, client.cookie));
    expect(await noTicket.closed).toBe(4403);
    const signedOut = await opened(media(urlA, `/api/v1/streams/${id}/watch`, null));
    expect(await signedOut.closed).toBe(4403);
    const crossSite = await media(urlA, `/api/v1/streams/${id}/watch`, client.cookie).then(async () => {
      const socket = new WebSocket(`${urlA.replace(/^http/, "ws")}/api/v1/streams/${id}/watch`, {
        headers: { origin: "https://evil.example", cookie: client.cookie },
      });
      return new Promise<number>((resolve) => {
        socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        socket.once("open", () => resolve(101));
        socket.once("error", () => {});
      });
    });
    expect(crossSite).toBe(403);
    const internal = await opened(media(urlA, `/internal/v1/streams/${id}/relay`, null));
    expect(await internal.closed).toBe(1008);

    // Bytes that are not WebM end the publisher's connection.
    const publisher = await opened(media(urlA, `/api/v1/streams/${id}/publish`, cookie));
    publisher.socket.send(Buffer.from("this is not a video at all"));
    expect(await publisher.closed).toBe(1003);
    await call("POST", `/api/v1/streams/${id}/end`, cookie);
  });

  it("carries chat, gifts and the viewer count to the room on both nodes, and keeps private rooms closed", async () => {
    const { user } = await a.createReader();
    const cookie = await a.signIn(user.email);
    const client = await readingKit(a, "").fundedClient(1_000);
    const stranger = await a.signedIn("client");
    const id = await liveStream(cookie);
    const readerLive = await openLive(urlA, { cookie });
    const viewerLive = await openLive(urlB, { cookie: client.cookie });
    const guestLive = await openLive(urlB);
    for (const live of [readerLive, viewerLive, guestLive])
      expect((await live.subscribe([`stream:${id}`])).topics).toEqual([`stream:${id}`]);

    const reply = await viewerLive.request(`stream:${id}`, "chat", "chat-ref-0001", {
      body: "Hello from node B",
    });
    expect(reply).toMatchObject({ type: "reply", data: { body: "Hello from node B" } });
    await readerLive.next((message) => message.event === "stream.chat");
    await guestLive.next((message) => message.event === "stream.chat");
    const guestChat = await guestLive.request(`stream:${id}`, "chat", "chat-ref-0002", { body: "me too" });
    expect(guestChat.type).toBe("refused");

    const rose = (
      (await call("GET", "/api/v1/gifts", null)).json().items as { id: string; name: string }[]
    ).find((gift) => gift.name === "Rose");
    const gift = await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, {
      giftId: rose?.id,
      idempotencyKey: "gift-key-room-test-0001",
    });
    expect(gift.statusCode, gift.body).toBe(201);
    const heard = await guestLive.next((message) => message.event === "stream.gift");
    expect(heard).toMatchObject({ batched: true, data: { gift: { name: "Rose" } } });
    const board = await guestLive.next((message) => message.event === "stream.board");
    expect(board.data).toMatchObject({ board: [{ userId: client.user.id, totalCents: 100 }] });

    // Each node counts its own room; the room hears the total over both (the reader is not a viewer).
    await b.services.streams.viewers.flush();
    await a.services.streams.viewers.flush();
    const counted = await readerLive.next(
      (message) => message.event === "stream.viewers" && message.data?.viewerCount === 2,
    );
    expect(counted.data).toMatchObject({ streamId: id, viewerCount: 2 });

    // A viewer's message that speaks of self-harm: crisis lines for them, a note for the reader,
    // each on their own socket; other viewers hear only the message.
    const worried = await call("POST", `/api/v1/streams/${id}/chat`, client.cookie, {
      body: "I want to end my life",
    });
    expect(worried.statusCode).toBe(201);
    const note = {
      event: "stream.crisis",
      data: { messageId: worried.json().id, senderUserId: client.user.id },
    };
    expect(await viewerLive.next((message) => message.event === "stream.crisis")).toMatchObject(note);
    expect(await readerLive.next((message) => message.event === "stream.crisis")).toMatchObject(note);
    await guestLive.next((message) => message.event === "stream.chat" && message.data?.message !== undefined);
    expect(guestLive.messages.some((message) => message.event === "stream.crisis")).toBe(false);

    const privateId = await liveStream(cookie, "private", false);
    const strangerLive = await openLive(urlA, { cookie: stranger.cookie });
    expect(await strangerLive.subscribe([`stream:${privateId}`])).toMatchObject({
      refused: [`stream:${privateId}`],
    });
    await strangerLive.close();
    for (const live of [readerLive, viewerLive, guestLive]) await live.close();
    await call("POST", `/api/v1/streams/${id}/end`, cookie);
  });
});
