import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually, openLive } from "../../../test/live-client.js";
import { resolvedCaller } from "../../../test/principal.js";
import { READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";
import { listRouteAccess, type RouteAccess } from "../../platform/http/access.js";

let t: TestApp;
let baseUrl: string;
let kit: ReturnType<typeof readingKit>;
let admin: Awaited<ReturnType<TestApp["signedIn"]>>;
beforeAll(async () => {
  t = await createTestApp(READING_TEST_ENV);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = readingKit(t, baseUrl);
  admin = await t.signedIn("admin");
});
afterAll(async () => {
  await t.close();
});

let ipCounter = 0;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** One call from its own address (so per-address limits never trip the walk). */
function call(method: Method, url: string, cookie: string | null, payload?: object) {
  ipCounter += 1;
  return t.app.inject({
    method,
    url,
    remoteAddress: `198.51.100.${ipCounter % 250}`,
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

const act = (action: "suspend" | "ban" | "restore", userId: string, reason = `Testing ${action}`) =>
  call("POST", `/api/v1/admin/users/${userId}/${action}`, admin.cookie, { reason });

/**
 * Every route that changes something and that a suspended account may still call. Anything else
 * that is not a read is refused with ACCOUNT_SUSPENDED: a new route that acts is refused until
 * it is consciously added here (and marked `allowSuspended` where it is declared).
 */
const ALLOWED_WHEN_SUSPENDED = [
  "POST /api/v1/auth/sign-up",
  "POST /api/v1/auth/sign-in",
  "POST /api/v1/auth/sign-out",
  "POST /api/v1/auth/verify-email",
  "POST /api/v1/auth/resend-verification",
  "POST /api/v1/auth/request-password-reset",
  "POST /api/v1/auth/reset-password",
  "POST /api/v1/me/password",
  "PUT /api/v1/wallet/limits/:period",
  "DELETE /api/v1/waitlist/:entryId",
  "POST /api/v1/notifications/read",
  "POST /api/v1/readings/:readingId/decline",
  "POST /api/v1/readings/:readingId/end",
  "POST /api/v1/payments/webhook",
  // Withdrawing one's earnings: connecting a payout account and its threshold.
  "POST /api/v1/readers/me/payouts/account",
  "PUT /api/v1/readers/me/payouts/threshold",
  "POST /api/v1/sandbox/connect/:accountId/complete",
  "POST /api/v1/wallet/refund-to-card",
  // Forgetting one's saved card.
  "DELETE /api/v1/wallet/saved-card",
].sort();

const key = (route: RouteAccess) => `${route.method} ${route.url}`;
const acting = () =>
  listRouteAccess(t.app).filter((route) => !["GET", "HEAD", "OPTIONS"].includes(route.method));
const mayCall = (route: RouteAccess, role: "client" | "reader") =>
  route.access === "public" || route.access === "authenticated" || route.access.includes(role);
/** A concrete URL for a route: each parameter a fresh id (the guard answers before params are read). */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, () => randomUUID()).replace("*", "x");

describe("every route is classified for suspended accounts", () => {
  it("refuses every route that acts except the listed ones", () => {
    const routes = acting();
    expect(routes.length).toBeGreaterThan(30);
    const allowed = routes
      .filter((route) => !route.refusedWhenSuspended)
      .map(key)
      .sort();
    expect(allowed).toEqual(ALLOWED_WHEN_SUSPENDED);
    const refused = new Set(routes.filter((route) => route.refusedWhenSuspended).map(key));
    for (const core of [
      "POST /api/v1/readings",
      "POST /api/v1/readings/:readingId/accept",
      "POST /api/v1/readings/:readingId/messages",
      "POST /api/v1/readings/:readingId/tip",
      "POST /api/v1/waitlist",
      "POST /api/v1/wallet/top-ups",
      "PUT /api/v1/readers/me/status",
      "PATCH /api/v1/admin/users/:userId/role",
    ])
      expect(refused.has(core), core).toBe(true);
  });

  for (const role of ["client", "reader"] as const) {
    it(`walks every route that acts as a suspended ${role}: refused with ACCOUNT_SUSPENDED, or allowed`, async () => {
      const person = role === "client" ? await t.signedIn("client") : await kit.onlineReader();
      expect((await act("suspend", person.user.id, "Chargeback abuse under review")).statusCode).toBe(200);
      // Sign-out last: it ends the sign-in the walk uses.
      const routes = acting().sort(
        (a, b) => Number(a.url.endsWith("sign-out")) - Number(b.url.endsWith("sign-out")),
      );
      for (const route of routes) {
        const method = route.method as Method;
        const response = await call(
          method,
          concrete(route.url),
          person.cookie,
          method === "DELETE" ? undefined : {},
        );
        const code = response.body
          ? (JSON.parse(response.body) as { error?: { code: string } }).error?.code
          : undefined;
        const answer = [response.statusCode, code];
        if (!mayCall(route, role)) {
          expect(answer, `${key(route)} (not for ${role}s)`).toEqual([403, "FORBIDDEN"]);
        } else if (route.refusedWhenSuspended) {
          expect(answer, key(route)).toEqual([403, "ACCOUNT_SUSPENDED"]);
        } else {
          expect(answer[1], key(route)).not.toBe("ACCOUNT_SUSPENDED");
          expect(response.statusCode, `${key(route)}: ${response.body}`).toBeLessThan(500);
        }
      }
    });
  }

  it("lets a suspended person sign in, see why, read their history and wallet, and leave a line", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(1000);
    expect((await act("suspend", client.user.id, "Payment dispute under review")).statusCode).toBe(200);
    const cookie = await t.signIn(client.user.email);
    const me = await call("GET", "/api/v1/me", cookie);
    expect(me.json().user).toMatchObject({
      status: "suspended",
      statusReason: "Payment dispute under review",
    });
    expect((await call("GET", "/api/v1/readings", cookie)).statusCode).toBe(200);
    const wallet = await call("GET", "/api/v1/wallet", cookie);
    expect(wallet.statusCode).toBe(200);
    expect((await call("GET", "/api/v1/wallet/transactions", cookie)).statusCode).toBe(200);
    const refused = await call("POST", "/api/v1/readings", cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: READING_TEST_RATE,
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, "ACCOUNT_SUSPENDED"]);
    const left = await call("DELETE", `/api/v1/waitlist/${randomUUID()}`, cookie);
    expect([left.statusCode, left.json().error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await call("POST", "/api/v1/auth/sign-out", cookie)).statusCode).toBe(204);
  });
});

describe("suspending ends what is live", () => {
  it("ends the client's live reading billed to the second, then refuses to start another", async () => {
    const { reader, client, readingId, clientLive } = await kit.activeReading(1000);
    t.clock.advance(90_000);
    const suspended = await act("suspend", client.user.id, "Abusive messages");
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().endedReadingIds).toEqual([readingId]);
    const row = await kit.reading(readingId);
    expect(row).toMatchObject({ state: "finalized", end_cause: "account_suspended", billed_ms: 90_000 });
    // 90 s at 199 cents a minute, by the second.
    expect(row.charged_cents).toBe(Math.floor((199 * 90) / 60));
    const transitions = await call("GET", `/api/v1/readings/${readingId}/transitions`, admin.cookie);
    expect(transitions.json().items.map((item: { cause: string }) => item.cause)).toContain(
      "account_suspended",
    );
    // The reader is free again; the client's socket closed (it reopens as suspended).
    expect(await kit.readerStatus(reader.user.id)).toBe("online");
    await eventually(async () => clientLive.socket.readyState, clientLive.socket.CLOSED);

    const again = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: READING_TEST_RATE,
    });
    expect([again.statusCode, again.json().error.code]).toEqual([403, "ACCOUNT_SUSPENDED"]);
  });

  it("refuses a suspended reader's accept, ends their ringing reading, and keeps them offline", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(1000);
    const requested = await kit.call("POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: READING_TEST_RATE,
    });
    const readingId = requested.json().reading.id as string;
    // The reader's app is connected: a reading freed for any other cause would put them online.
    const readerLive = await openLive(baseUrl, { cookie: reader.cookie });
    await eventually(() => t.services.presence.isConnected(reader.user.id), true);
    const statuses: string[] = [];
    const stop = t.services.bus.subscribe((event) => {
      if (event.type === "reader.status" && event.data.readerUserId === reader.user.id)
        statuses.push(String(event.data.status));
    });
    const suspended = await act("suspend", reader.user.id, "Off-platform payments");
    expect(suspended.json().endedReadingIds).toEqual([readingId]);
    // Freed by the ended reading straight to offline: never back online for a moment.
    await eventually(async () => statuses.at(-1), "offline");
    stop();
    expect(statuses).not.toContain("online");
    await readerLive.close();
    expect(await kit.reading(readingId)).toMatchObject({
      state: "finalized",
      end_cause: "account_suspended",
    });
    const accept = await kit.call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie);
    expect([accept.statusCode, accept.json().error.code]).toEqual([403, "ACCOUNT_SUSPENDED"]);
    expect(await kit.readerStatus(reader.user.id)).toBe("offline");
    const online = await kit.call("PUT", "/api/v1/readers/me/status", reader.cookie, { status: "online" });
    expect([online.statusCode, online.json().error.code]).toEqual([403, "ACCOUNT_SUSPENDED"]);
    // Unlisted: browse and the public page do not show them.
    const browse = await kit.call("GET", "/api/v1/readers?limit=100", null);
    expect(browse.json().items.map((item: { userId: string }) => item.userId)).not.toContain(reader.user.id);
    // The service refuses too, whatever the route (defence behind the guard).
    await expect(
      t.services.readers.setMyStatus(resolvedCaller(reader.user.id, "reader"), "online"),
    ).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });

    expect((await act("restore", reader.user.id, "Cleared")).statusCode).toBe(200);
    expect(
      (await kit.call("PUT", "/api/v1/readers/me/status", reader.cookie, { status: "online" })).statusCode,
    ).toBe(200);
  });

  it("refuses in the readings service too, for a caller resolved just before the suspension", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(1000);
    expect((await act("suspend", client.user.id, "Racing")).statusCode).toBe(200);
    await expect(
      t.services.readings.request(resolvedCaller(client.user.id, "client"), {
        readerUserId: reader.user.id,
        modality: "chat",
        expectedRatePerUnitCents: READING_TEST_RATE,
      }),
    ).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });

    const other = await kit.fundedClient(1000);
    const reading = await t.services.readings.request(resolvedCaller(other.user.id, "client"), {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: READING_TEST_RATE,
    });
    await t.database.pool.query("update users set status = 'suspended' where id = $1", [reader.user.id]);
    await expect(
      t.services.readings.accept(resolvedCaller(reader.user.id, "reader"), reading.id),
    ).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    await t.services.readings.end(resolvedCaller(other.user.id, "client"), reading.id);
  });

  it("refuses a suspended person's chat on the socket", async () => {
    const { client, readingId, clientLive } = await kit.activeReading(1000);
    expect((await act("suspend", client.user.id, "Spam")).statusCode).toBe(200);
    await eventually(async () => clientLive.socket.readyState, clientLive.socket.CLOSED);
    const live = await openLive(baseUrl, { cookie: client.cookie });
    const answer = await live.request(`reading:${readingId}`, "chat", randomUUID().replaceAll("-", ""), {
      body: "still here?",
    });
    expect(answer).toMatchObject({ type: "refused", code: "ACCOUNT_SUSPENDED" });
    const viaRoute = await kit.call("POST", `/api/v1/readings/${readingId}/messages`, client.cookie, {
      clientMessageId: randomUUID(),
      body: "still here?",
    });
    expect([viaRoute.statusCode, viaRoute.json().error.code]).toEqual([403, "ACCOUNT_SUSPENDED"]);
    await live.close();
  });
});

describe("banning", () => {
  it("ends every sign-in and socket at once, refuses sign-in, and is reversible", async () => {
    const { client, readingId } = await kit.activeReading(1000);
    const secondCookie = await t.signIn(client.user.email);
    const sockets = [
      await openLive(baseUrl, { cookie: client.cookie }),
      await openLive(baseUrl, { cookie: secondCookie }),
    ];
    const banned = await act("ban", client.user.id, "Fraud");
    expect(banned.statusCode, banned.body).toBe(200);
    expect(banned.json().user).toMatchObject({ status: "banned", statusReason: "Fraud" });
    expect(await kit.reading(readingId)).toMatchObject({ state: "finalized", end_cause: "account_banned" });
    const sessions = await t.database.pool.query(
      "select count(*)::int as n from sessions where user_id = $1",
      [client.user.id],
    );
    expect(sessions.rows[0].n).toBe(0);
    for (const socket of sockets)
      await eventually(async () => socket.socket.readyState, socket.socket.CLOSED);
    for (const cookie of [client.cookie, secondCookie])
      expect((await call("GET", "/api/v1/me", cookie)).statusCode).toBe(401);
    const signIn = await call("POST", "/api/v1/auth/sign-in", null, {
      email: client.user.email,
      password: "correct-horse-battery",
    });
    expect([signIn.statusCode, signIn.json().error.code]).toEqual([403, "ACCOUNT_BANNED"]);
    // No other way in: better-auth creates no session for a banned account.
    expect(await t.services.auth.endAllSignIns(client.user.id)).toBe(0);

    const restored = await act("restore", client.user.id, "Appeal upheld");
    expect(restored.json().user).toMatchObject({ status: "active", statusReason: null });
    const cookie = await t.signIn(client.user.email);
    expect((await call("GET", "/api/v1/me", cookie)).json().user.status).toBe("active");
  });
});

describe("the admin actions", () => {
  it("are for admins only, need a reason, are audit-logged and refuse impossible moves", async () => {
    const target = await t.signedIn("client");
    const others = {
      anonymous: null,
      client: (await t.signedIn("client")).cookie,
      reader: (await kit.onlineReader()).cookie,
    };
    for (const action of ["suspend", "ban", "restore"] as const) {
      for (const [who, cookie] of Object.entries(others)) {
        const response = await call("POST", `/api/v1/admin/users/${target.user.id}/${action}`, cookie, {
          reason: "not allowed",
        });
        expect(response.statusCode, `${who} ${action}`).toBe(who === "anonymous" ? 401 : 403);
      }
      const noReason = await call("POST", `/api/v1/admin/users/${target.user.id}/${action}`, admin.cookie, {
        reason: "  ",
      });
      expect(noReason.statusCode).toBe(400);
    }
    expect((await act("restore", target.user.id)).json().error.code).toBe("CONFLICT");
    expect((await act("suspend", target.user.id, "First warning")).statusCode).toBe(200);
    expect((await act("suspend", target.user.id)).json().error.code).toBe("CONFLICT");
    expect((await act("ban", target.user.id, "Second offence")).statusCode).toBe(200);
    expect((await act("suspend", randomUUID())).json().error.code).toBe("NOT_FOUND");
    expect((await act("ban", admin.user.id)).json().error.code).toBe("CONFLICT");

    const audit = await t.database.pool.query(
      "select action, actor_user_id, details from audit_log where object_id = $1 order by created_at, action",
      [target.user.id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: "user.suspended",
        actor_user_id: admin.user.id,
        details: expect.objectContaining({ reason: "First warning", from: "active", to: "suspended" }),
      }),
      expect.objectContaining({
        action: "user.banned",
        details: expect.objectContaining({ reason: "Second offence", from: "suspended", to: "banned" }),
      }),
    ]);
    const list = await call(
      "GET",
      `/api/v1/admin/users?search=${encodeURIComponent(target.user.email)}&status=banned`,
      admin.cookie,
    );
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: target.user.id, status: "banned", statusReason: "Second offence" }),
    ]);
  });
});
