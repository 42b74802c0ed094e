import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAccessToken2, signatureIsValid } from "../../../test/agora-token.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { openLive } from "../../../test/live-client.js";
import { readingKit } from "../../../test/readings-kit.js";

/**
 * Stream tokens when Agora is configured: the reader gets a host token (join and publish), a viewer
 * who may watch an audience token (join only), nobody else any; verified with an independent reader
 * of AccessToken2 and the certificate.
 */
const APP_ID = randomBytes(16).toString("hex");
const CERTIFICATE = randomBytes(16).toString("hex");
/** AccessToken2's RTC privileges: join channel, publish audio, publish video, publish data. */
const JOIN = 1;
const PUBLISH = [2, 3, 4];

let t: TestApp;
let baseUrl = "";
beforeAll(async () => {
  t = await createTestApp({ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERTIFICATE });
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await t.close();
});

const call = (method: "GET" | "POST", url: string, cookie: string | null, payload?: object) =>
  readingKit(t, "").call(method, url, cookie, payload);

async function stream(cookie: string, visibility: string, start = true) {
  const created = await call("POST", "/api/v1/streams", cookie, {
    title: "Agora stream",
    topic: "Tarot",
    visibility,
    ...(visibility === "premium" ? { ticketPriceCents: 100 } : {}),
  });
  const id = created.json().stream.id as string;
  if (start) await call("POST", `/api/v1/streams/${id}/start`, cookie);
  return id;
}

describe("Agora tokens for streams", () => {
  it("gives the reader a host token and viewers audience tokens for the stream's channel", async () => {
    const { user } = await t.createReader();
    const cookie = await t.signIn(user.email);
    const id = await stream(cookie, "public");
    const host = await call("POST", `/api/v1/streams/${id}/media-token`, cookie);
    expect(host.statusCode, host.body).toBe(200);
    expect(host.json()).toMatchObject({
      provider: "agora",
      appId: APP_ID,
      channel: `stream-${id}`,
      uid: 1,
      role: "host",
    });
    const hostToken = decodeAccessToken2(host.json().token);
    expect(signatureIsValid(hostToken, CERTIFICATE)).toBe(true);
    expect(hostToken.services[0]).toMatchObject({ channel: `stream-${id}`, uid: "1" });
    expect(
      Object.keys(hostToken.services[0]?.privileges ?? {})
        .map(Number)
        .sort(),
    ).toEqual([JOIN, ...PUBLISH]);

    // A signed-out visitor may watch a public stream: an audience token, join only.
    const guest = await call("POST", `/api/v1/streams/${id}/media-token`, null);
    expect(guest.json()).toMatchObject({ uid: 0, role: "audience" });
    const guestToken = decodeAccessToken2(guest.json().token);
    expect(signatureIsValid(guestToken, CERTIFICATE)).toBe(true);
    expect(Object.keys(guestToken.services[0]?.privileges ?? {}).map(Number)).toEqual([JOIN]);
  });

  it("keeps a stream live without the app's relay: the video goes through Agora", async () => {
    const { user } = await t.createReader();
    const cookie = await t.signIn(user.email);
    const id = await stream(cookie, "public");
    t.clock.advance(5 * 60_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status).toBe("live");
    await call("POST", `/api/v1/streams/${id}/end`, cookie);
  });

  it("notices a dropped reader by their studio leaving the stream's room, and ends after 2 minutes", async () => {
    const { user } = await t.createReader();
    const cookie = await t.signIn(user.email);
    const id = await stream(cookie, "public");
    const status = async () =>
      (await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status as string;
    const until = async (wanted: string) => {
      for (let tries = 0; tries < 100 && (await status()) !== wanted; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      return status();
    };
    const studio = await openLive(baseUrl, { cookie });
    await studio.subscribe([`stream:${id}`]);
    // A viewer coming and going changes nothing.
    const viewer = await openLive(baseUrl);
    await viewer.subscribe([`stream:${id}`]);
    await viewer.close();
    expect(await status()).toBe("live");
    await studio.close();
    expect(await until("reconnecting")).toBe("reconnecting");
    const back = await openLive(baseUrl, { cookie });
    await back.subscribe([`stream:${id}`]);
    expect(await until("live")).toBe("live");
    await back.close();
    expect(await until("reconnecting")).toBe("reconnecting");
    t.clock.advance(121_000);
    await t.services.streams.lifecycle.sweep();
    expect(await status()).toBe("ended");
  });

  it("gives no token to someone who may not watch, or before the stream is live", async () => {
    const { user } = await t.createReader();
    const cookie = await t.signIn(user.email);
    const client = await t.signedIn("client");
    const premium = await stream(cookie, "premium");
    expect((await call("POST", `/api/v1/streams/${premium}/media-token`, client.cookie)).statusCode).toBe(
      403,
    );
    await readingKit(t, "").call("POST", `/api/v1/streams/${premium}/end`, cookie);
    const privateId = await stream(cookie, "private");
    expect((await call("POST", `/api/v1/streams/${privateId}/media-token`, client.cookie)).statusCode).toBe(
      404,
    );
    await readingKit(t, "").call("POST", `/api/v1/streams/${privateId}/end`, cookie);
    const scheduled = await stream(cookie, "public", false);
    expect((await call("POST", `/api/v1/streams/${scheduled}/media-token`, client.cookie)).statusCode).toBe(
      409,
    );
  });
});

describe("without Agora", () => {
  it("answers FEATURE_DISABLED: streams use the built-in relay", async () => {
    const plain = await createTestApp();
    try {
      const { user } = await plain.createReader();
      const cookie = await plain.signIn(user.email);
      const created = await readingKit(plain, "").call("POST", "/api/v1/streams", cookie, {
        title: "Plain",
        topic: "Tarot",
        visibility: "public",
      });
      const id = created.json().stream.id as string;
      await readingKit(plain, "").call("POST", `/api/v1/streams/${id}/start`, cookie);
      const answer = await readingKit(plain, "").call("POST", `/api/v1/streams/${id}/media-token`, cookie);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe("FEATURE_DISABLED");
    } finally {
      await plain.close();
    }
  });
});
