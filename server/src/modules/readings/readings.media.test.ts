import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAccessToken2, signatureIsValid } from "../../../test/agora-token.js";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { type Live, READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";
import { ConfigError, loadConfig, publicClientConfig } from "../../config.js";
import { mediaTokenRefusal } from "./readings.media.js";
import { READING_STATES } from "./readings.state.js";

const MINUTE = 60_000;
const TTL_SECONDS = 20 * 60;
const VIDEO_RATE = 499;
const APP_ID = randomBytes(16).toString("hex");
const CERTIFICATE = randomBytes(16).toString("hex");
const OTHER_CERTIFICATE = randomBytes(16).toString("hex");

// --- The app under test: Agora configured, timers off ---------------------------------------------

let t: TestApp;
let baseUrl: string;
let kit: ReturnType<typeof readingKit>;
let ip = 0;
beforeAll(async () => {
  t = await createTestApp({
    ...READING_TEST_ENV,
    AGORA_APP_ID: APP_ID,
    AGORA_APP_CERTIFICATE: CERTIFICATE,
  });
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = readingKit(t, baseUrl);
});
afterAll(async () => {
  await t.close();
});

/** Each call from its own address, so the route's rate limit never trips in these tests. */
function mediaToken(cookie: string | null, readingId: string, app = t) {
  ip += 1;
  return app.app.inject({
    method: "POST",
    url: `/api/v1/readings/${readingId}/media-token`,
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    remoteAddress: `198.51.100.${ip % 250}`,
  });
}

/** A video (or voice, or chat) reading, requested and, unless told otherwise, accepted and joined. */
async function reading(modality: "voice" | "video" | "chat", until: "created" | "waiting" | "active") {
  const { user } = await t.createReader({ rates: { chat: 199, voice: 299, video: VIDEO_RATE } });
  const reader = { user, cookie: await t.signIn(user.email) };
  expect(
    (await kit.call("PUT", "/api/v1/readers/me/status", reader.cookie, { status: "online" })).statusCode,
  ).toBe(200);
  const client = await kit.fundedClient(VIDEO_RATE);
  const requested = await kit.call("POST", "/api/v1/readings", client.cookie, {
    readerUserId: reader.user.id,
    modality,
    expectedRatePerUnitCents: { chat: 199, voice: 299, video: VIDEO_RATE }[modality],
  });
  expect(requested.statusCode).toBe(201);
  const readingId = requested.json().reading.id as string;
  if (until !== "created")
    expect((await kit.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie)).statusCode).toBe(
      200,
    );
  if (until !== "active") return { reader, client, readingId, close: () => {} };
  const clientLive = await kit.joinRoom(client.cookie, readingId);
  const readerLive = await kit.joinRoom(reader.cookie, readingId);
  expect(await kit.state(readingId)).toBe("active");
  return {
    reader,
    client,
    readingId,
    clientLive,
    readerLive,
    close: () => {
      clientLive.close();
      readerLive.close();
    },
  };
}

describe("Agora media tokens", () => {
  it("gives each participant a token signed with the certificate for their uid in the reading's channel", async () => {
    const { client, reader, readingId, close } = await reading("video", "active");
    const wallBefore = Math.floor(Date.now() / 1000);
    const response = await mediaToken(client.cookie, readingId);
    const wallAfter = Math.ceil(Date.now() / 1000);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      provider: "agora",
      appId: APP_ID,
      channel: `session-${readingId}`,
      uid: 1,
      expiresAt: new Date(t.clock.now().getTime() + TTL_SECONDS * 1000).toISOString(),
    });
    expect(Object.keys(body).sort()).toEqual(["appId", "channel", "expiresAt", "provider", "token", "uid"]);
    expect(response.body).not.toContain(CERTIFICATE);

    const token = decodeAccessToken2(body.token);
    expect(signatureIsValid(token, CERTIFICATE)).toBe(true);
    expect(signatureIsValid(token, OTHER_CERTIFICATE)).toBe(false);
    expect(token.appId).toBe(APP_ID);
    // agora-token stamps the issue time itself (from the wall clock); the lifetime is relative to it.
    expect(token.issueTs).toBeGreaterThanOrEqual(wallBefore);
    expect(token.issueTs).toBeLessThanOrEqual(wallAfter);
    expect(token.expire).toBe(TTL_SECONDS);
    expect(token.services).toEqual([
      {
        type: 1,
        channel: `session-${readingId}`,
        uid: "1",
        // Join channel, publish audio, publish video, publish data: all end with the token.
        privileges: { 1: TTL_SECONDS, 2: TTL_SECONDS, 3: TTL_SECONDS, 4: TTL_SECONDS },
      },
    ]);

    // A token whose lifetime was stretched (appId 2 + 32 bytes, issueTs 4, then expire) no longer verifies.
    const forged = { ...token, signingInfo: Buffer.from(token.signingInfo) };
    expect(forged.signingInfo.readUInt32LE(38)).toBe(TTL_SECONDS);
    forged.signingInfo.writeUInt32LE(24 * 3600, 38);
    expect(signatureIsValid(forged, CERTIFICATE)).toBe(false);

    const readerResponse = await mediaToken(reader.cookie, readingId);
    expect(readerResponse.statusCode).toBe(200);
    expect(readerResponse.json()).toMatchObject({ uid: 2, channel: `session-${readingId}` });
    const readerToken = decodeAccessToken2(readerResponse.json().token);
    expect(signatureIsValid(readerToken, CERTIFICATE)).toBe(true);
    expect(readerToken.services[0]).toMatchObject({ channel: `session-${readingId}`, uid: "2" });
    close();
  });

  it("renews: a later call gives a fresh token for the same channel and uid with a later expiry", async () => {
    const { client, readingId, close } = await reading("voice", "active");
    const first = (await mediaToken(client.cookie, readingId)).json();
    t.clock.advance(19 * MINUTE); // the web app renews when Agora warns, shortly before the end
    const second = await mediaToken(client.cookie, readingId);
    expect(second.statusCode).toBe(200);
    const renewed = second.json();
    expect(renewed.token).not.toBe(first.token);
    expect(new Date(renewed.expiresAt).getTime() - new Date(first.expiresAt).getTime()).toBe(19 * MINUTE);
    const [before, after] = [decodeAccessToken2(first.token), decodeAccessToken2(renewed.token)];
    expect(signatureIsValid(after, CERTIFICATE)).toBe(true);
    expect(after.issueTs).toBeGreaterThanOrEqual(before.issueTs);
    expect(after.services).toEqual(before.services);
    expect(renewed).toMatchObject({ uid: first.uid, channel: first.channel });
    close();
  });

  it("goes only to the reading's own client and reader", async () => {
    const { readingId, close } = await reading("video", "active");
    const strangerClient = await t.signedIn("client");
    const strangerReader = await t.signedIn("reader");
    const admin = await t.signedIn("admin");
    const refused = async (cookie: string | null, id = readingId) => {
      const response = await mediaToken(cookie, id);
      return [response.statusCode, response.json().error?.code];
    };
    // Someone else's reading is answered like one that does not exist, as on every reading route.
    expect(await refused(strangerClient.cookie)).toEqual([404, "NOT_FOUND"]);
    expect(await refused(strangerReader.cookie)).toEqual([404, "NOT_FOUND"]);
    // Admins may read a reading's record but never join its call.
    expect(await refused(admin.cookie)).toEqual([403, "FORBIDDEN"]);
    expect(await refused(null)).toEqual([401, "UNAUTHENTICATED"]);
    expect(await refused(strangerClient.cookie, randomUUID())).toEqual([404, "NOT_FOUND"]);
    expect(await refused(strangerClient.cookie, "not-a-uuid")).toEqual([400, "VALIDATION_FAILED"]);
    close();
  });

  it("goes only to live, funded voice and video readings", async () => {
    const created = await reading("video", "created");
    const ringing = await mediaToken(created.client.cookie, created.readingId);
    expect([ringing.statusCode, ringing.json().error.code]).toEqual([409, "CONFLICT"]);
    await kit.call("POST", `/api/v1/readings/${created.readingId}/end`, created.client.cookie);

    // Accepted but not yet both in the room: the call opens with billing, not before.
    const waiting = await reading("video", "waiting");
    expect((await mediaToken(waiting.client.cookie, waiting.readingId)).statusCode).toBe(409);
    expect((await mediaToken(waiting.reader.cookie, waiting.readingId)).statusCode).toBe(409);
    await kit.call("POST", `/api/v1/readings/${waiting.readingId}/end`, waiting.client.cookie);

    const chat = await reading("chat", "active");
    const chatToken = await mediaToken(chat.client.cookie, chat.readingId);
    expect([chatToken.statusCode, chatToken.json().error.code]).toEqual([409, "CONFLICT"]);
    expect(chatToken.json().error.message).toMatch(/chat/i);
    chat.close();

    // A drop: both sides may get a token, so the dropped one can rejoin the call.
    const dropped = await reading("video", "active");
    await kit.leave(dropped.clientLive as NonNullable<typeof dropped.clientLive>);
    expect(await kit.state(dropped.readingId)).toBe("reconnecting");
    expect((await mediaToken(dropped.client.cookie, dropped.readingId)).json()).toMatchObject({ uid: 1 });
    expect((await mediaToken(dropped.reader.cookie, dropped.readingId)).json()).toMatchObject({ uid: 2 });
    dropped.close();

    // The client's balance held one minute: after it, the reading pauses for funds, and no token.
    const broke = await reading("video", "active");
    t.clock.advance(MINUTE + 1000);
    await kit.keepalive(broke.clientLive as Live, broke.readerLive as Live);
    await t.services.readings.drainDue();
    expect(await kit.state(broke.readingId)).toBe("paused");
    const paused = await mediaToken(broke.client.cookie, broke.readingId);
    expect([paused.statusCode, paused.json().error.code]).toEqual([409, "CONFLICT"]);
    expect(paused.json().error.message).toMatch(/paused/i);
    expect((await mediaToken(broke.reader.cookie, broke.readingId)).statusCode).toBe(409);

    const ended = await kit.call("POST", `/api/v1/readings/${broke.readingId}/end`, broke.client.cookie);
    expect(ended.json().reading.state).toBe("finalized");
    const after = await mediaToken(broke.client.cookie, broke.readingId);
    expect([after.statusCode, after.json().error.code]).toEqual([409, "CONFLICT"]);
    broke.close();
  });

  it("has a decision for every reading state: only active and reconnecting are allowed", () => {
    const allowed = READING_STATES.filter((state) => mediaTokenRefusal(state) === null);
    expect(allowed).toEqual(["active", "reconnecting"]);
    for (const state of ["created", "waiting", "paused", "ended", "finalized"] as const)
      expect(mediaTokenRefusal(state)).toMatch(/\w/);
  });

  it("is announced to the web app as the media provider, without the certificate", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/config" });
    expect(response.json().media).toEqual({ provider: "agora", appId: APP_ID });
    expect(response.body).not.toContain(CERTIFICATE);
    // The page may then connect to Agora's servers, and to nowhere else.
    const csp = response.headers["content-security-policy"] as string;
    expect(csp).toContain(
      "connect-src 'self' https://*.agora.io wss://*.agora.io https://*.sd-rtn.com wss://*.sd-rtn.com",
    );
  });
});

describe("without Agora configured", () => {
  it("says so with a typed error, and the web app uses the built-in WebRTC", async () => {
    const plain = await createTestApp(READING_TEST_ENV);
    try {
      const client = await plain.signedIn("client");
      const response = await mediaToken(client.cookie, randomUUID(), plain);
      expect([response.statusCode, response.json().error.code]).toEqual([404, "FEATURE_DISABLED"]);
      const config = await plain.app.inject({ method: "GET", url: "/api/v1/config" });
      expect(config.json().media).toEqual({ provider: "webrtc" });
      expect(config.headers["content-security-policy"]).toMatch(/connect-src 'self'(;|$)/);
    } finally {
      await plain.close();
    }
  });
});

describe("Agora configuration", () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it("takes both the app id and the certificate, or neither", () => {
    expect(loadConfig({}).agora).toBeNull();
    const config = loadConfig({ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERTIFICATE });
    expect(config.agora).toEqual({ appId: APP_ID, appCertificate: CERTIFICATE, tokenTtlSeconds: 1200 });
    expect(publicClientConfig(config, 12).media).toEqual({ provider: "agora", appId: APP_ID });
    expect(publicClientConfig(loadConfig({}), 12).media).toEqual({ provider: "webrtc" });
    expect(problemsOf({ AGORA_APP_ID: APP_ID })).toEqual([
      expect.stringMatching(/^AGORA_APP_ID, AGORA_APP_CERTIFICATE: set both/),
    ]);
    expect(problemsOf({ AGORA_APP_CERTIFICATE: CERTIFICATE })).toHaveLength(1);
  });

  it("checks that both are 32 hex characters and bounds the token lifetime", () => {
    expect(problemsOf({ AGORA_APP_ID: "not-hex", AGORA_APP_CERTIFICATE: CERTIFICATE })).toEqual([
      expect.stringMatching(/^AGORA_APP_ID: /),
    ]);
    expect(
      problemsOf({ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: `${CERTIFICATE}00` }).some((problem) =>
        problem.startsWith("AGORA_APP_CERTIFICATE: "),
      ),
    ).toBe(true);
    expect(
      loadConfig({ AGORA_APP_ID: APP_ID, AGORA_APP_CERTIFICATE: CERTIFICATE, AGORA_TOKEN_TTL_SECONDS: "600" })
        .agora?.tokenTtlSeconds,
    ).toBe(600);
    expect(problemsOf({ AGORA_TOKEN_TTL_SECONDS: "30" })).toEqual([
      expect.stringMatching(/^AGORA_TOKEN_TTL_SECONDS: /),
    ]);
  });
});
