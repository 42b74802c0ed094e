import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";
import { SIGNED_OUT_CLOSE_CODE } from "../../platform/realtime/websocket-hub.js";

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await t.close();
});

type Live = Awaited<ReturnType<typeof openLive>>;

/** The socket's close code as soon as it is opened, so a close is never missed. */
function watch(live: Live) {
  const closed = new Promise<number>((resolve) => live.socket.once("close", (code) => resolve(code)));
  return {
    live,
    /** The close code, or null if it is still open after `ms`. */
    closedWithin: (ms: number) =>
      Promise.race([closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]),
  };
}

/** Still open and signed in: answers a ping. */
async function answers(live: Live) {
  live.send({ type: "ping" });
  return (await live.next((message) => message.type === "pong")).type === "pong";
}

describe("live sockets end with their sign-in", () => {
  it("sign-out closes the sockets of that sign-in only; a deactivated account loses all its sockets", async () => {
    const user = await t.createUser("client");
    const laptop = await t.signIn(user.email);
    const phone = await t.signIn(user.email);
    const other = await t.signedIn("client");
    const laptopTabs = [
      watch(await openLive(baseUrl, { cookie: laptop })),
      watch(await openLive(baseUrl, { cookie: laptop })),
    ];
    const phoneLive = watch(await openLive(baseUrl, { cookie: phone }));
    const otherLive = await openLive(baseUrl, { cookie: other.cookie });
    const anonymous = await openLive(baseUrl);

    const out = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-out",
      headers: { origin: TEST_ORIGIN, cookie: laptop },
    });
    expect(out.statusCode).toBe(204);
    for (const tab of laptopTabs) expect(await tab.closedWithin(5_000)).toBe(SIGNED_OUT_CLOSE_CODE);
    // The same user's other sign-in, another user and an anonymous socket go on.
    expect(await phoneLive.closedWithin(300)).toBeNull();
    expect(await answers(phoneLive.live)).toBe(true);
    expect(await answers(otherLive)).toBe(true);
    expect(await answers(anonymous)).toBe(true);

    // An account whose standing changes (here banned by an admin) loses every socket at once.
    await t.database.pool.query("update users set status = 'banned' where id = $1", [user.id]);
    expect(await phoneLive.closedWithin(5_000)).toBe(SIGNED_OUT_CLOSE_CODE);
    expect(await answers(otherLive)).toBe(true);

    // A new socket with the ended sign-in is anonymous.
    const again = await openLive(baseUrl, { cookie: laptop });
    expect(again.messages[0]).toMatchObject({ type: "hello", userId: null });
    for (const live of [otherLive, anonymous, again]) await live.close();
  });

  it("nobody can listen to the revocation topic", async () => {
    const user = await t.signedIn("client");
    const live = await openLive(baseUrl, { cookie: user.cookie });
    const answer = await live.subscribe([`auth:${user.user.id}`]);
    expect(answer).toMatchObject({ topics: [], refused: [`auth:${user.user.id}`] });
    await live.close();
  });
});
