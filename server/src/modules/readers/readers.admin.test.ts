/*
 * About 430 lines on purpose: every admin reader route (create, edit, list) and a reader's account suspension
 * with the roles that may and may not call it, sharing one set of signed-in users.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type TestApp,
  tokenFromEmail,
} from "../../../test/harness.js";
import type { BusEvent } from "../../platform/realtime/event-bus.js";

let t: TestApp;
let admin: { user: { id: string }; cookie: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signedIn("admin");
});
afterAll(async () => {
  await t.close();
});

let ipCounter = 0;
function call(method: "GET" | "POST" | "PATCH" | "PUT", url: string, cookie: string, payload?: unknown) {
  ipCounter += 1;
  return t.app.inject({
    method,
    url,
    remoteAddress: `10.44.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

const profile = (overrides: Record<string, unknown> = {}) => ({
  displayName: "Luna Everhart",
  headline: "Astrology charts read with warmth",
  bio: "Twenty years of natal charts, transits and synastry, explained in plain words for everyday choices.",
  specialties: ["astrology", "career-and-money"],
  tools: ["Natal charts"],
  languages: ["en"],
  yearsOfExperience: 20,
  timeZone: "Europe/London",
  ...overrides,
});

let emailCounter = 0;
const newEmail = () => {
  emailCounter += 1;
  return `new-reader-${emailCounter}-${Date.now().toString(36)}@example.test`;
};

async function createReader(overrides: Record<string, unknown> = {}) {
  const response = await call("POST", "/api/v1/admin/readers", admin.cookie, {
    email: newEmail(),
    dateOfBirth: "1985-03-02",
    ...profile(),
    rates: { chat: 299, video: 499 },
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().reader as { userId: string; slug: string; account: { email: string } };
}

async function auditRows(action: string, objectId: string) {
  const result = await t.database.pool.query<{ actor_user_id: string; details: Record<string, unknown> }>(
    "select actor_user_id, details from audit_log where action = $1 and object_id = $2 order by created_at",
    [action, objectId],
  );
  return result.rows;
}

async function profileRow(userId: string) {
  const result = await t.database.pool.query(
    "select listed, status, display_name, headline, bio, chat_rate_cents, specialties from reader_profiles where user_id = $1",
    [userId],
  );
  return result.rows[0];
}

describe("who may manage readers", () => {
  it("lets only admins call each admin reader route", async () => {
    const { user: target } = await t.signedIn("reader");
    const callers = {
      anonymous: "",
      client: (await t.signedIn("client")).cookie,
      reader: (await t.signedIn("reader")).cookie,
    };
    const routes: [method: "GET" | "POST" | "PATCH", url: string, payload?: unknown][] = [
      ["GET", "/api/v1/admin/readers"],
      ["POST", "/api/v1/admin/readers", { email: newEmail(), dateOfBirth: "1980-01-01", ...profile() }],
      ["PATCH", `/api/v1/admin/readers/${target.id}`, { headline: "A headline nobody may set" }],
    ];
    for (const [method, url, payload] of routes) {
      for (const [caller, cookie] of Object.entries(callers)) {
        const response = await call(method, url, cookie, payload);
        const expected = caller === "anonymous" ? [401, "UNAUTHENTICATED"] : [403, "FORBIDDEN"];
        expect([response.statusCode, response.json().error.code], `${caller} ${method} ${url}`).toEqual(
          expected,
        );
      }
    }
    const list = await call("GET", "/api/v1/admin/readers", admin.cookie);
    expect(list.statusCode).toBe(200);
    // The target user has no profile: an admin gets typed 404s, not 5xx.
    expect(
      (await call("PATCH", `/api/v1/admin/readers/${target.id}`, admin.cookie, { bio: "x".repeat(60) }))
        .statusCode,
    ).toBe(404);
  });
});

describe("creating readers", () => {
  it("creates a new account as a listed reader and emails a link to choose a password", async () => {
    const email = newEmail().toUpperCase();
    const response = await call("POST", "/api/v1/admin/readers", admin.cookie, {
      email,
      dateOfBirth: "1985-03-02",
      ...profile(),
      rates: { chat: 299, voice: null },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { reader, accountCreated } = response.json();
    expect(accountCreated).toBe(true);
    expect(reader).toMatchObject({
      slug: expect.stringMatching(/^luna-everhart/),
      listed: "listed",
      status: "offline",
      rates: { chat: 299, voice: null, video: null, scheduled: null },
      account: { email: email.toLowerCase(), role: "reader", status: "active" },
    });
    expect((await t.services.users.getUser(reader.userId)).role).toBe("reader");
    const welcome = await t.latestEmail(email.toLowerCase(), "reader-welcome");
    expect(welcome?.text_body).toContain(`/readers/${reader.slug}`);
    const reset = await t.latestEmail(email.toLowerCase(), "reset-password");
    expect(reset).not.toBeNull();

    // The emailed link works: the reader chooses a password and signs in.
    const chosen = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/reset-password",
      headers: { origin: TEST_ORIGIN },
      payload: { token: tokenFromEmail(reset?.text_body ?? ""), newPassword: TEST_PASSWORD },
    });
    expect(chosen.statusCode, chosen.body).toBeLessThan(300);
    const cookie = await t.signIn(email.toLowerCase());
    expect((await call("GET", "/api/v1/readers/me/profile", cookie)).json().reader.slug).toBe(reader.slug);

    const browse = await call("GET", "/api/v1/readers?q=Everhart", "");
    expect(browse.json().items.map((item: { userId: string }) => item.userId)).toContain(reader.userId);
    const [entry] = await auditRows("reader.created", reader.userId);
    expect(entry?.actor_user_id).toBe(admin.user.id);
    expect(entry?.details).toMatchObject({ accountCreated: true, from: "client", to: "reader" });
  });

  it("promotes an existing client without touching their password", async () => {
    const client = await t.createUser("client");
    const response = await call("POST", "/api/v1/admin/readers", admin.cookie, {
      email: client.email,
      ...profile({ displayName: "Promoted Client" }),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      accountCreated: false,
      reader: { userId: client.id, account: { role: "reader" } },
    });
    expect(await t.latestEmail(client.email, "reset-password")).toBeNull();
    expect(await t.latestEmail(client.email, "reader-welcome")).not.toBeNull();
    const cookie = await t.signIn(client.email);
    expect((await call("GET", "/api/v1/readers/me/profile", cookie)).statusCode).toBe(200);
    expect(await auditRows("reader.created", client.id)).toHaveLength(1);
  });

  it("refuses duplicates, admins, missing or under-age birth dates and bad input, creating nothing", async () => {
    const existing = await createReader();
    const otherAdmin = await t.createUser("admin");
    const users = await t.count("users");
    const profiles = await t.count("reader_profiles");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: existing.account.email }, 409, "CONFLICT"],
      [{ email: existing.account.email.toUpperCase() }, 409, "CONFLICT"],
      [{ email: otherAdmin.email }, 409, "CONFLICT"],
      [{ dateOfBirth: undefined }, 400, "VALIDATION_FAILED"],
      [{ dateOfBirth: "2015-01-01" }, 422, "UNDERAGE"],
      [{ email: "not-an-email" }, 400, "VALIDATION_FAILED"],
      [
        { bio: "<script>alert(1)</script> and enough words to pass the length rule of a bio." },
        400,
        "VALIDATION_FAILED",
      ],
      [{ specialties: ["crystal-gazing"] }, 400, "VALIDATION_FAILED"],
      [{ timeZone: "Mars/Base" }, 400, "VALIDATION_FAILED"],
      [{ rates: { chat: 5000 } }, 400, "VALIDATION_FAILED"],
      [{ rates: { chat: 199.5 } }, 400, "VALIDATION_FAILED"],
    ];
    for (const [overrides, status, code] of cases) {
      const response = await call("POST", "/api/v1/admin/readers", admin.cookie, {
        email: newEmail(),
        dateOfBirth: "1985-03-02",
        ...profile(),
        ...overrides,
      });
      const label = JSON.stringify(overrides);
      expect(response.statusCode, `${label} ${response.body}`).toBe(status);
      expect(response.json().error.code, label).toBe(code);
    }
    expect(await t.count("users")).toBe(users);
    expect(await t.count("reader_profiles")).toBe(profiles);
  });
});

describe("editing a reader's profile", () => {
  it("changes any field and rates, recording each changed field before and after", async () => {
    const reader = await createReader();
    const response = await call("PATCH", `/api/v1/admin/readers/${reader.userId}`, admin.cookie, {
      displayName: "Luna E.",
      headline: "Astrology charts read with warmth", // unchanged: not in the audit entry
      yearsOfExperience: 21,
      timeZone: "America/New_York",
      rates: { chat: 4999, voice: 99, video: null },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().reader).toMatchObject({
      displayName: "Luna E.",
      slug: reader.slug,
      yearsOfExperience: 21,
      timeZone: "America/New_York",
      rates: { chat: 4999, voice: 99, video: null, scheduled: null },
    });
    const [entry] = await auditRows("reader.profile_updated", reader.userId);
    expect(entry?.details).toEqual({
      changes: {
        displayName: { from: "Luna Everhart", to: "Luna E." },
        yearsOfExperience: { from: 20, to: 21 },
        timeZone: { from: "Europe/London", to: "America/New_York" },
        chatRateCents: { from: 299, to: 4999 },
        voiceRateCents: { from: null, to: 99 },
        videoRateCents: { from: 499, to: null },
      },
    });
    const publicView = await call("GET", `/api/v1/readers/${reader.slug}`, "");
    expect(publicView.json().reader.displayName).toBe("Luna E.");
  });

  it("refuses bad input with typed 4xx errors and changes nothing", async () => {
    const reader = await createReader();
    const before = await profileRow(reader.userId);
    const cases: [Record<string, unknown>, string][] = [
      [{ rates: { chat: 199.5 } }, "fractional rate"],
      [{ rates: { chat: 98 } }, "rate below $0.99"],
      [{ rates: { video: 5000 } }, "rate above $49.99"],
      [{ specialties: ["crystal-gazing"] }, "unknown specialty"],
      [{ bio: "<script>alert(1)</script> and enough words to pass the length rule of a bio." }, "script"],
      [{ displayName: "Luna <b>Bold</b>" }, "markup in the name"],
      [{ headline: "x".repeat(121) }, "overlong headline"],
      [{ bio: "y".repeat(4001) }, "overlong bio"],
      [{ displayName: "z".repeat(61) }, "overlong name"],
      [{ timeZone: "Mars/Base" }, "unknown time zone"],
      [{}, "no fields"],
    ];
    for (const [payload, label] of cases) {
      const response = await call("PATCH", `/api/v1/admin/readers/${reader.userId}`, admin.cookie, payload);
      expect(response.statusCode, `${label} ${response.body}`).toBe(400);
      expect(response.json().error.code, label).toBe("VALIDATION_FAILED");
    }
    // Listing is not a profile field: it changes only through suspend and reinstate.
    const sneaky = await call("PATCH", `/api/v1/admin/readers/${reader.userId}`, admin.cookie, {
      listed: "suspended",
    });
    expect(sneaky.statusCode).toBeLessThan(500);
    expect(await profileRow(reader.userId)).toEqual(before);
    expect(await auditRows("reader.profile_updated", reader.userId)).toHaveLength(0);
  });
});

// A reader is suspended as any account is (one concept: users.status, the moderation module).
describe("suspending and restoring a reader's account", () => {
  it("hides a suspended reader everywhere, forces them offline live, and keeps them offline", async () => {
    const reader = await createReader({ displayName: "Orion Vale" });
    const cookie = await signInAs(reader.account.email);
    const client = await t.signedIn("client");
    expect(
      (await call("PUT", `/api/v1/favorites/${reader.userId}`, client.cookie, { notifyOnline: false }))
        .statusCode,
    ).toBe(200);
    await t.database.pool.query("update reader_profiles set status = 'online' where user_id = $1", [
      reader.userId,
    ]);
    const events: BusEvent[] = [];
    const stop = t.services.bus.subscribe((event) => events.push(event));

    const suspended = await call("POST", `/api/v1/admin/users/${reader.userId}/suspend`, admin.cookie, {
      reason: "Complaints under review",
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().user).toMatchObject({
      status: "suspended",
      statusReason: "Complaints under review",
    });
    expect((await profileRow(reader.userId))?.status).toBe("offline");
    await expect
      .poll(() =>
        events.some(
          (e) =>
            e.type === "reader.status" &&
            e.data.readerUserId === reader.userId &&
            e.data.status === "offline",
        ),
      )
      .toBe(true);
    stop();

    const browse = await call("GET", "/api/v1/readers?q=Orion", "");
    expect(browse.json().items).toHaveLength(0);
    expect((await call("GET", `/api/v1/readers/${reader.slug}`, "")).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/readers/${reader.slug}`, client.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/readers/${reader.slug}`, admin.cookie)).statusCode).toBe(200);
    expect((await call("GET", `/api/v1/readers/${reader.slug}`, cookie)).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/favorites", client.cookie)).json().items).toHaveLength(0);
    expect(
      (await call("PUT", `/api/v1/favorites/${reader.userId}`, client.cookie, { notifyOnline: true }))
        .statusCode,
    ).toBe(404);

    for (const status of ["online", "away"]) {
      const refused = await call("PUT", "/api/v1/readers/me/status", cookie, { status });
      expect([refused.statusCode, refused.json().error.code], status).toEqual([403, "ACCOUNT_SUSPENDED"]);
    }
    expect((await profileRow(reader.userId))?.status).toBe("offline");

    const twice = await call("POST", `/api/v1/admin/users/${reader.userId}/suspend`, admin.cookie, {
      reason: "again",
    });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, "CONFLICT"]);
    const noReason = await call("POST", `/api/v1/admin/users/${reader.userId}/suspend`, admin.cookie, {
      reason: " ",
    });
    expect(noReason.statusCode).toBe(400);

    const list = await call("GET", "/api/v1/admin/readers?q=orion", admin.cookie);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        userId: reader.userId,
        account: expect.objectContaining({ status: "suspended" }),
      }),
    ]);
    const [entry] = await auditRows("user.suspended", reader.userId);
    expect(entry).toMatchObject({
      actor_user_id: admin.user.id,
      details: { reason: "Complaints under review", from: "active", to: "suspended", role: "reader" },
    });

    const reinstated = await call("POST", `/api/v1/admin/users/${reader.userId}/restore`, admin.cookie, {
      reason: "Complaints resolved",
    });
    expect(reinstated.statusCode).toBe(200);
    expect(reinstated.json().user).toMatchObject({ status: "active", statusReason: null });
    expect((await profileRow(reader.userId))?.status).toBe("offline");
    expect((await call("GET", `/api/v1/readers/${reader.slug}`, "")).statusCode).toBe(200);
    expect((await call("GET", "/api/v1/readers?q=Orion", "")).json().items).toHaveLength(1);
    expect((await call("PUT", "/api/v1/readers/me/status", cookie, { status: "online" })).statusCode).toBe(
      200,
    );
    const again = await call("POST", `/api/v1/admin/users/${reader.userId}/restore`, admin.cookie, {
      reason: "twice",
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, "CONFLICT"]);
    expect(await auditRows("user.restored", reader.userId)).toHaveLength(1);
  });
});

describe("the admin reader list", () => {
  it("searches by name, email or slug, filters by listing, and pages with a bounded limit", async () => {
    const tag = Date.now().toString(36);
    const made = [];
    for (let index = 0; index < 3; index += 1) {
      t.clock.advance(1000);
      made.push(
        await createReader({
          displayName: `Pager ${tag} ${index}`,
          email: `pager-${tag}-${index}@example.test`,
        }),
      );
    }
    const byName = await call(
      "GET",
      `/api/v1/admin/readers?q=${encodeURIComponent(`Pager ${tag}`)}&limit=2`,
      admin.cookie,
    );
    const first = byName.json();
    expect(first.items.map((item: { userId: string }) => item.userId)).toEqual([
      made[2]?.userId,
      made[1]?.userId,
    ]);
    expect(first.items[0]).toMatchObject({
      listed: "listed",
      account: { email: `pager-${tag}-2@example.test` },
    });
    const second = await call(
      "GET",
      `/api/v1/admin/readers?q=${encodeURIComponent(`Pager ${tag}`)}&limit=2&cursor=${first.nextCursor}`,
      admin.cookie,
    );
    expect(second.json()).toEqual({
      items: [expect.objectContaining({ userId: made[0]?.userId })],
      nextCursor: null,
    });
    const byEmail = await call("GET", `/api/v1/admin/readers?q=pager-${tag}-1@`, admin.cookie);
    expect(byEmail.json().items.map((item: { userId: string }) => item.userId)).toEqual([made[1]?.userId]);
    const byslug = await call("GET", `/api/v1/admin/readers?q=${made[0]?.slug}`, admin.cookie);
    expect(byslug.json().items.map((item: { userId: string }) => item.userId)).toEqual([made[0]?.userId]);
    const listedOnly = await call(
      "GET",
      `/api/v1/admin/readers?q=pager-${tag}&listed=suspended`,
      admin.cookie,
    );
    expect(listedOnly.json().items).toHaveLength(0);
    expect((await call("GET", "/api/v1/admin/readers?limit=101", admin.cookie)).statusCode).toBe(400);
    expect((await call("GET", "/api/v1/admin/readers?cursor=nonsense", admin.cookie)).statusCode).toBe(400);
  });
});

async function signInAs(email: string) {
  const reset = await t.latestEmail(email, "reset-password");
  const chosen = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/reset-password",
    headers: { origin: TEST_ORIGIN },
    payload: { token: tokenFromEmail(reset?.text_body ?? ""), newPassword: TEST_PASSWORD },
  });
  expect(chosen.statusCode, chosen.body).toBeLessThan(300);
  return t.signIn(email);
}
