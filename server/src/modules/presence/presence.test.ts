import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually, openLive, sleep } from "../../../test/live-client.js";

// Short delays so presence runs in real time without slowing the suite.
const OFFLINE_DELAY_MS = 300;
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
    const answer = await live.subscribe([`reader:${user.id}`, `user:${user.id}`, "session:abc"]);
    expect(answer).toMatchObject({
      topics: [`reader:${user.id}`],
      refused: [`user:${user.id}`, "session:abc"],
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

describe("presence", () => {
  it("turns a reader offline after the delay once the last connection closes, and tells watchers", async () => {
    const { user, cookie } = await makeReader();
    const watcher = await openLive(baseUrl);
    await watcher.subscribe([`reader:${user.id}`]);
    const tab = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "online");
    await watcher.next(statusEvent(user.id, "online"));
    await tab.close();
    expect(await statusOf(user.id)).toBe("online");
    await watcher.next(statusEvent(user.id, "offline"));
    expect(await statusOf(user.id)).toBe("offline");
    await watcher.close();
  });

  it("keeps a reader with two tabs online until both close", async () => {
    const { user, cookie } = await makeReader();
    const first = await openLive(baseUrl, { cookie });
    const second = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "online");
    await first.close();
    await sleep(OFFLINE_DELAY_MS * 3);
    expect(await statusOf(user.id)).toBe("online");
    await second.close();
    expect(await eventually(() => statusOf(user.id), "offline")).toBe("offline");
  });

  it("changes nothing when the reader reconnects inside the delay", async () => {
    const { user, cookie } = await makeReader();
    const watcher = await openLive(baseUrl);
    await watcher.subscribe([`reader:${user.id}`]);
    const tab = await openLive(baseUrl, { cookie });
    await setStatus(cookie, "away");
    await watcher.next(statusEvent(user.id, "away"));
    await tab.close();
    const again = await openLive(baseUrl, { cookie });
    await sleep(OFFLINE_DELAY_MS * 3);
    expect(await statusOf(user.id)).toBe("away");
    // No offline event was sent in between.
    expect(watcher.messages.some((m) => statusEvent(user.id, "offline")(m))).toBe(false);
    await Promise.all([again.close(), watcher.close()]);
  });

  it("does not leave a reader online who set the status without the app open", async () => {
    const { user, cookie } = await makeReader();
    await setStatus(cookie, "online");
    expect(await eventually(() => statusOf(user.id), "offline")).toBe("offline");
  });

  it("never touches a busy reader or one who chose offline", async () => {
    const { user, cookie } = await makeReader();
    const tab = await openLive(baseUrl, { cookie });
    await t.database.pool.query("update reader_profiles set status = 'busy' where user_id = $1", [user.id]);
    await tab.close();
    await sleep(OFFLINE_DELAY_MS * 3);
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
    const { user, cookie } = await makeReader();
    const onFirst = await openLive(baseUrl, { cookie });
    const onSecond = await openLive(secondUrl, { cookie });
    await setStatus(cookie, "online");
    await onFirst.close();
    await sleep(OFFLINE_DELAY_MS * 3);
    expect(await statusOf(user.id)).toBe("online");
    await onSecond.close();
    expect(await eventually(() => statusOf(user.id), "offline")).toBe("offline");
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
