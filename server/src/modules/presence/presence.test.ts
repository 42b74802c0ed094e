import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually, openLive } from "../../../test/live-client.js";
import type { BusEvent, EventBus } from "../../platform/realtime/event-bus.js";
import { createReaderRoom } from "../readers/readers.room.js";

// The offline delay passes on the test clock: each test moves the clock past it.
const OFFLINE_DELAY_MS = 30_000;
const LIVE_ENV = {
  PRESENCE_OFFLINE_DELAY_MS: String(OFFLINE_DELAY_MS),
  PRESENCE_HEARTBEAT_MS: "60000",
  LIVE_PING_INTERVAL_MS: "60000",
};

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp(LIVE_ENV);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await t.close();
});

async function makeReader(app: TestApp = t) {
  const { user, reader } = await app.createReader();
  const cookie = await app.signIn(user.email);
  return { user, reader, cookie };
}

async function setStatus(cookie: string, status: string, app: TestApp = t) {
  const response = await app.app.inject({
    method: "PUT",
    url: "/api/v1/readers/me/status",
    headers: { origin: TEST_ORIGIN, cookie },
    payload: { status },
  });
  expect(response.statusCode).toBe(200);
}

type Live = Awaited<ReturnType<typeof openLive>>;

/** Closes a socket and waits until the node has seen it close and written its presence. */
async function close(live: Live, app: TestApp = t) {
  const before = app.services.hub.connectionCount;
  await live.close();
  await eventually(async () => app.services.hub.connectionCount < before, true);
  await app.services.presence.settled();
}

/** Moves the clock past the offline delay and waits for the checks it started. */
async function afterOfflineDelay(app: TestApp = t) {
  app.clock.advance(OFFLINE_DELAY_MS + 1);
  await app.services.presence.settled();
}

/**
 * Waits until every event published to `topic` so far has reached `live`: events reach a node in
 * publishing order, so once a marker published now arrives, nothing earlier is on its way.
 */
async function drained(live: Live, topic: string, app: TestApp = t) {
  const marker = String(Math.random());
  await app.services.bus.publish(null, { topic, type: "test.marker", data: { marker } });
  await live.next((message) => message.event === "test.marker" && message.data?.marker === marker);
}

async function statusOf(userId: string, app: TestApp = t) {
  const result = await app.database.pool.query<{ status: string }>(
    "select status from reader_profiles where user_id = $1",
    [userId],
  );
  return result.rows[0]?.status;
}

const statusEvent =
  (readerUserId: string, status: string) => (message: { event?: string; data?: Record<string, unknown> }) =>
    message.event === "reader.status" &&
    message.data?.readerUserId === readerUserId &&
    message.data?.status === status;

describe("the live socket", () => {
  it("accepts anonymous viewers for public reader topics only", async () => {
    const { user } = await makeReader();
    const live = await openLive(baseUrl);
    expect(live.messages[0]).toMatchObject({ type: "hello", userId: null });
    const answer = await live.subscribe([`reader:${user.id}`, `user:${user.id}`, "reading:abc"]);
    expect(answer).toMatchObject({
      topics: [`reader:${user.id}`],
      refused: [`user:${user.id}`, "reading:abc"],
    });
    live.send({ type: "subscribe", topics: ["<script>"] });
    expect(await live.next((m) => m.type === "error")).toMatchObject({ code: "VALIDATION_FAILED" });
    live.socket.send("not json");
    expect(await live.next((m) => m.type === "error")).toMatchObject({ code: "VALIDATION_FAILED" });
    live.send({ type: "ping" });
    await live.next((m) => m.type === "pong");
    await live.close();
  });

  it("refuses a cookie-bearing connection from another site", async () => {
    const { cookie } = await t.signedIn("client");
    await expect(openLive(baseUrl, { cookie, origin: "https://evil.example" })).rejects.toThrow(/403/);
    // Without the cookie the same origin is only an anonymous viewer.
    const anonymous = await openLive(baseUrl, { origin: "https://evil.example" });
    expect(anonymous.messages[0]).toMatchObject({ userId: null });
    await anonymous.close();
  });

  it("sends a status change to everyone watching the reader, and a signed-in user their own topic", async () => {
    const { user, cookie } = await makeReader();
    const readerSocket = await openLive(baseUrl, { cookie });
    expect(readerSocket.messages[0]).toMatchObject({ type: "hello", userId: user.id, role: "reader" });
    const watcher = await openLive(baseUrl);
    await watcher.subscribe([`reader:${user.id}`]);
    await setStatus(cookie, "online");
    await watcher.next(statusEvent(user.id, "online"));
    await setStatus(cookie, "away");
    await watcher.next(statusEvent(user.id, "away"));
    await setStatus(cookie, "offline");
    await watcher.next(statusEvent(user.id, "offline"));
    await Promise.all([readerSocket.close(), watcher.close()]);
  });
});

type Reader = Awaited<ReturnType<typeof makeReader>>;

/** Readers with the app open (so presence keeps the status they set), each set to its status. */
async function readersWithAppOpen(statuses: string[]) {
  const readers: Reader[] = [];
  const tabs: Awaited<ReturnType<typeof openLive>>[] = [];
  for (const status of statuses) {
    const reader = await makeReader();
    tabs.push(await openLive(baseUrl, { cookie: reader.cookie }));
    await setStatus(reader.cookie, status);
    readers.push(reader);
  }
  return { readers, tabs };
}

describe("a new watcher", () => {
  it("hears each watched reader's current status at once, in one answer to its subscription", async () => {
    const { readers, tabs } = await readersWithAppOpen(["online", "away"]);
    const [online, away] = readers as [Reader, Reader];
    // The page was fetched earlier: the change since then must reach it without another change.
    const watcher = await openLive(baseUrl);
    const client = await t.signedIn("client");
    await watcher.subscribe([
      `reader:${online.user.id}`,
      `reader:${away.user.id}`,
      `reader:${client.user.id}`,
    ]);
    await watcher.next(statusEvent(online.user.id, "online"));
    await watcher.next(statusEvent(away.user.id, "away"));
    await drained(watcher, `reader:${online.user.id}`);
    const statuses = watcher.messages.filter((message) => message.event === "reader.status");
    // One event per reader with a profile (none for a client's id), each with its status now.
    expect(
      statuses
        .map((message) => message.data)
        .sort((x, y) => String(x?.status).localeCompare(String(y?.status))),
    ).toEqual([
      { readerUserId: away.user.id, status: "away" },
      { readerUserId: online.user.id, status: "online" },
    ]);
    // Watching again sends nothing new; a change still arrives as before.
    await watcher.subscribe([`reader:${online.user.id}`]);
    await drained(watcher, `reader:${online.user.id}`);
    expect(watcher.messages.filter((message) => message.event === "reader.status")).toHaveLength(2);
    await setStatus(online.cookie, "offline");
    await watcher.next(statusEvent(online.user.id, "offline"));
    await Promise.all([watcher.close(), ...tabs.map((tab) => tab.close())]);
  });

  it("skips a reader whose status event this node hears while the statuses are read (the event is newer)", async () => {
    const { readers, tabs } = await readersWithAppOpen(["online", "online"]);
    const [first, second] = readers as [Reader, Reader];
    // A stand-in for the bus, to hear an event at a chosen moment: right after the read starts.
    const handlers: ((event: BusEvent) => void)[] = [];
    const bus = {
      subscribe: (handler: (event: BusEvent) => void) => {
        handlers.push(handler);
      },
    } as unknown as EventBus;
    const reader = createReaderRoom({ db: t.database.db, bus, logger: pino({ level: "silent" }) });
    const sent: Record<string, unknown>[] = [];
    // The watcher's answer is sent in one go after one query: once one is there, all of it is.
    const readerIds = [first.user.id, second.user.id];
    reader.room.onWatch?.(
      { id: 1, principal: null, lastSeenAt: 0, send: (message) => void sent.push(message) },
      readerIds,
    );
    for (const handler of handlers)
      handler({
        topic: `reader:${first.user.id}`,
        type: "reader.status",
        data: { readerUserId: first.user.id, status: "away" },
      });
    expect(await eventually(async () => sent.length, 1)).toBe(1);
    expect(sent).toEqual([
      {
        type: "event",
        topic: `reader:${second.user.id}`,
        event: "reader.status",
        data: { readerUserId: second.user.id, status: "online" },
      },
    ]);
    await Promise.all(tabs.map((tab) => tab.close()));
  });
});

describe("presence", () => {
  it("turns a reader offline after the delay once the last connection closes, and tells watchers", async () => {
    const { user, cookie } = await makeReader();
    const watcher = await openLive(baseUrl);
    await watcher.subscribe([`reader:${user.id}`]);
    const tab = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "online");
    await watcher.next(statusEvent(user.id, "online"));
    await close(tab);
    expect(await statusOf(user.id)).toBe("online");
    await afterOfflineDelay();
    await watcher.next(statusEvent(user.id, "offline"));
    expect(await statusOf(user.id)).toBe("offline");
    await watcher.close();
  });

  it("keeps a reader with two tabs online until both close", async () => {
    const { user, cookie } = await makeReader();
    const first = await openLive(baseUrl, { cookie });
    const second = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "online");
    await close(first);
    await afterOfflineDelay();
    expect(await statusOf(user.id)).toBe("online");
    await close(second);
    await afterOfflineDelay();
    expect(await statusOf(user.id)).toBe("offline");
  });

  it("changes nothing when the reader reconnects inside the delay", async () => {
    const { user, cookie } = await makeReader();
    const watcher = await openLive(baseUrl);
    await watcher.subscribe([`reader:${user.id}`]);
    // A new watcher first hears the status as it is (a new reader is offline).
    await watcher.next(statusEvent(user.id, "offline"));
    const tab = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "away");
    await watcher.next(statusEvent(user.id, "away"));
    const heardBefore = watcher.messages.length;
    await close(tab);
    const again = await openLive(baseUrl, { cookie });
    await t.services.presence.settled();
    await afterOfflineDelay();
    await drained(watcher, `reader:${user.id}`);
    expect(await statusOf(user.id)).toBe("away");
    // No offline event was sent in between.
    expect(watcher.messages.slice(heardBefore).some((m) => statusEvent(user.id, "offline")(m))).toBe(false);
    await Promise.all([again.close(), watcher.close()]);
  });

  it("does not leave a reader online who set the status without the app open", async () => {
    const { user, cookie } = await makeReader();
    await setStatus(cookie, "online");
    expect(await statusOf(user.id)).toBe("online");
    await afterOfflineDelay();
    expect(await statusOf(user.id)).toBe("offline");
  });

  it("keeps a socket in its own user room: unsubscribing from it changes nothing", async () => {
    const { user, cookie } = await makeReader();
    const tab = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "online");
    tab.send({ type: "unsubscribe", topics: [`user:${user.id}`] });
    expect(await tab.next((message) => message.type === "unsubscribed")).toMatchObject({ topics: [] });
    await t.services.presence.settled();
    await afterOfflineDelay();
    expect(await statusOf(user.id)).toBe("online");
    await close(tab);
  });

  it("never touches a busy reader or one who chose offline", async () => {
    const { user, cookie } = await makeReader();
    const tab = await openLive(baseUrl, { cookie });
    await t.database.pool.query("update reader_profiles set status = 'busy' where user_id = $1", [user.id]);
    await close(tab);
    await afterOfflineDelay();
    expect(await statusOf(user.id)).toBe("busy");
  });
});

describe("two app nodes on one database", () => {
  let second: TestApp;
  let secondUrl: string;
  beforeAll(async () => {
    second = await createTestApp(LIVE_ENV, { databaseUrl: t.url });
    secondUrl = await second.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await second.close();
  });

  it("delivers a status change made on one node to a watcher on the other", async () => {
    const { user, cookie } = await makeReader();
    const tab = await openLive(baseUrl, { cookie });
    const watcher = await openLive(secondUrl);
    await watcher.subscribe([`reader:${user.id}`]);
    await setStatus(cookie, "online");
    await watcher.next(statusEvent(user.id, "online"));
    await Promise.all([tab.close(), watcher.close()]);
  });

  it("counts a reader's connections on every node before going offline", async () => {
    // The two nodes' clocks agree (each node dates its presence rows by its own clock).
    second.clock.set(t.clock.now());
    const { user, cookie } = await makeReader();
    const onFirst = await openLive(baseUrl, { cookie });
    const onSecond = await openLive(secondUrl, { cookie });
    await setStatus(cookie, "online");
    await close(onFirst);
    await afterOfflineDelay();
    expect(await statusOf(user.id)).toBe("online");
    await close(onSecond, second);
    // The second node's delay runs on its own clock.
    await afterOfflineDelay(second);
    expect(await statusOf(user.id)).toBe("offline");
  });

  it("stops counting the connections of a node that stopped heartbeating", async () => {
    const { user, cookie } = await makeReader();
    const onSecond = await openLive(secondUrl, { cookie });
    await setStatus(cookie, "online");
    // The second node goes silent (as if killed): its rows age past three heartbeats (3 min here).
    await eventually(async () => (await t.count("presence_connections")) > 0, true);
    t.clock.advance(10 * 60_000);
    await t.services.presence.heartbeat();
    expect(await eventually(() => statusOf(user.id), "offline")).toBe("offline");
    await onSecond.close();
  });
});

describe("favorites come online", () => {
  it("notifies the client live in the app once an hour, and notifications can be read", async () => {
    const { user: reader, cookie: readerCookie } = await makeReader();
    const { cookie: clientCookie } = await t.signedIn("client");
    const favorite = await t.app.inject({
      method: "PUT",
      url: `/api/v1/favorites/${reader.id}`,
      headers: { origin: TEST_ORIGIN, cookie: clientCookie },
      payload: { notifyOnline: true },
    });
    expect(favorite.statusCode).toBe(200);
    const clientSocket = await openLive(baseUrl, { cookie: clientCookie });
    const secondTab = await openLive(baseUrl, { cookie: clientCookie });
    const readerTab = await openLive(baseUrl, { cookie: readerCookie });
    await setStatus(readerCookie, "online");
    const pushed = await clientSocket.next((m) => m.event === "notification");
    expect(pushed.data?.notification).toMatchObject({ kind: "favorite-online", readAt: null });
    await setStatus(readerCookie, "offline");
    await setStatus(readerCookie, "online");

    const list = await t.app.inject({
      method: "GET",
      url: "/api/v1/notifications",
      headers: { cookie: clientCookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ unreadCount: 1, items: [{ kind: "favorite-online" }] });

    const read = await t.app.inject({
      method: "POST",
      url: "/api/v1/notifications/read",
      headers: { origin: TEST_ORIGIN, cookie: clientCookie },
      payload: {},
    });
    expect(read.json()).toEqual({ marked: 1, unreadCount: 0 });
    await secondTab.next((m) => m.event === "notifications.read" && m.data?.unreadCount === 0);
    await Promise.all([clientSocket.close(), secondTab.close(), readerTab.close()]);
  });

  it("lets only the owner read and mark notifications", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/notifications" });
    expect(anonymous.statusCode).toBe(401);
    const { cookie } = await t.signedIn("client");
    const foreign = await t.database.pool.query<{ id: string }>("select id from notifications limit 1");
    const marked = await t.app.inject({
      method: "POST",
      url: "/api/v1/notifications/read",
      headers: { origin: TEST_ORIGIN, cookie },
      payload: { ids: [foreign.rows[0]?.id] },
    });
    expect(marked.json()).toEqual({ marked: 0, unreadCount: 0 });
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/notifications/read",
      headers: { origin: TEST_ORIGIN, cookie },
      payload: { ids: ["not-a-uuid"] },
    });
    expect(bad.statusCode).toBe(400);
  });
});
