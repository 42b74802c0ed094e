import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookieHeader,
  createTestApp,
  TEST_ORIGIN,
  type TestApp,
  tokenFromEmail,
} from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const json = { origin: TEST_ORIGIN };

function signUpBody(overrides: Record<string, unknown> = {}) {
  return {
    email: `person-${Math.random().toString(36).slice(2)}@example.test`,
    password: "a-long-enough-password",
    displayName: "Nova Reyes",
    dateOfBirth: "1994-03-08",
    acceptTerms: true,
    ...overrides,
  };
}

async function signUp(body: Record<string, unknown>, ip = "10.1.0.1") {
  return t.app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-up",
    headers: json,
    payload: body,
    remoteAddress: ip,
  });
}

describe("sign-up rules", () => {
  it.each([
    ["a bad email", { email: "not-an-email" }, 400, "VALIDATION_FAILED"],
    ["a short password", { password: "short1" }, 400, "VALIDATION_FAILED"],
    ["a missing display name", { displayName: undefined }, 400, "VALIDATION_FAILED"],
    ["a date that does not exist", { dateOfBirth: "1990-02-30" }, 400, "VALIDATION_FAILED"],
    ["a birth date in the future", { dateOfBirth: "2999-01-01" }, 400, "VALIDATION_FAILED"],
    ["someone under 18", { dateOfBirth: "2012-05-05" }, 422, "UNDERAGE"],
    ["terms not accepted", { acceptTerms: false }, 422, "TERMS_NOT_ACCEPTED"],
  ])("refuses %s with a clear code and stores nothing", async (_name, overrides, status, code) => {
    const usersBefore = await t.count("users");
    const mailsBefore = await t.count("email_outbox");
    const response = await signUp(signUpBody(overrides));
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.requestId).toBeTruthy();
    expect(await t.count("users")).toBe(usersBefore);
    expect(await t.count("email_outbox")).toBe(mailsBefore);
  });

  it("refuses someone who turns 18 tomorrow and accepts someone who turns 18 today", async () => {
    const now = t.clock.now();
    const iso = (date: Date) => date.toISOString().slice(0, 10);
    const eighteenToday = new Date(Date.UTC(now.getUTCFullYear() - 18, now.getUTCMonth(), now.getUTCDate()));
    const tomorrow = new Date(eighteenToday.getTime() + 86_400_000);
    expect((await signUp(signUpBody({ dateOfBirth: iso(tomorrow) }))).json().error.code).toBe("UNDERAGE");
    expect((await signUp(signUpBody({ dateOfBirth: iso(eighteenToday) }))).statusCode).toBe(201);
  });

  it("refuses a duplicate email (any letter case) with 409 EMAIL_TAKEN and stores nothing", async () => {
    const body = signUpBody();
    expect((await signUp(body)).statusCode).toBe(201);
    const usersBefore = await t.count("users");
    const response = await signUp({ ...body, email: body.email.toUpperCase() });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("EMAIL_TAKEN");
    expect(await t.count("users")).toBe(usersBefore);
  });

  it("creates an unverified client, stores date of birth and terms acceptance, and emails a link", async () => {
    const body = signUpBody();
    const response = await signUp(body);
    expect(response.statusCode).toBe(201);
    const { user } = response.json();
    expect(user).toMatchObject({
      email: body.email,
      displayName: "Nova Reyes",
      role: "client",
      emailVerified: false,
    });
    expect(user).not.toHaveProperty("password");
    const stored = await t.database.pool.query(
      "select date_of_birth::text as dob, terms_accepted_at from users where id = $1",
      [user.id],
    );
    expect(stored.rows[0].dob).toBe("1994-03-08");
    expect(stored.rows[0].terms_accepted_at).toBeInstanceOf(Date);
    const account = await t.database.pool.query("select password from accounts where user_id = $1", [
      user.id,
    ]);
    expect(account.rows[0].password).not.toContain(body.password);
    expect(account.rows[0].password.length).toBeGreaterThan(60);
    const mail = await t.latestEmail(body.email, "verify-email");
    expect(mail?.text_body).toContain(`${TEST_ORIGIN}/verify-email?token=`);
  });
});

describe("verify, sign in, sign out, reset", () => {
  it("walks the whole journey", async () => {
    const body = signUpBody();
    await signUp(body);

    const early = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: json,
      payload: { email: body.email, password: body.password },
    });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe("EMAIL_NOT_VERIFIED");

    const bogus = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/verify-email",
      headers: json,
      payload: { token: "not-a-token" },
    });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().error.code).toBe("INVALID_TOKEN");

    const token = tokenFromEmail((await t.latestEmail(body.email, "verify-email"))?.text_body ?? "");
    const verified = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/verify-email",
      headers: json,
      payload: { token },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.emailVerified).toBe(true);

    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: json,
      remoteAddress: "10.2.0.1",
      payload: { email: body.email, password: "wrong-password-123" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("INVALID_CREDENTIALS");

    const signedIn = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: json,
      remoteAddress: "10.2.0.1",
      payload: { email: body.email, password: body.password },
    });
    expect(signedIn.statusCode).toBe(200);
    const setCookie = String(signedIn.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = cookieHeader(signedIn.headers["set-cookie"]);

    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.json().user.email).toBe(body.email);

    const out = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-out",
      headers: { ...json, cookie },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe("UNAUTHENTICATED");

    // Forgotten password: the same answer whether or not the account exists.
    for (const email of [body.email, "nobody@example.test"]) {
      const asked = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/request-password-reset",
        headers: json,
        remoteAddress: "10.3.0.1",
        payload: { email },
      });
      expect(asked.statusCode).toBe(202);
    }
    expect(await t.latestEmail("nobody@example.test")).toBeNull();
    const resetToken = tokenFromEmail((await t.latestEmail(body.email, "reset-password"))?.text_body ?? "");
    const reset = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/reset-password",
      headers: json,
      remoteAddress: "10.3.0.2",
      payload: { token: resetToken, newPassword: "a-brand-new-password" },
    });
    expect(reset.statusCode).toBe(200);
    const reused = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/reset-password",
      headers: json,
      remoteAddress: "10.3.0.2",
      payload: { token: resetToken, newPassword: "yet-another-password" },
    });
    expect(reused.json().error.code).toBe("INVALID_TOKEN");
    await expect(t.signIn(body.email, body.password, "10.3.0.3")).rejects.toThrow(/401/);
    expect(await t.signIn(body.email, "a-brand-new-password", "10.3.0.3")).toContain("session_token");
  });
});

describe("profile", () => {
  it("edits display name, bio and time zone, and validates them", async () => {
    const { cookie } = await t.signedIn("client");
    const headers = { ...json, cookie };
    const ok = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers,
      payload: { displayName: "  Ada Moon ", bio: "Tarot lover", timeZone: "Europe/Paris" },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({
      displayName: "Ada Moon",
      bio: "Tarot lover",
      timeZone: "Europe/Paris",
    });

    const badZone = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers,
      payload: { timeZone: "Mars/Olympus" },
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.code).toBe("VALIDATION_FAILED");
    const tooLong = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers,
      payload: { bio: "x".repeat(501) },
    });
    expect(tooLong.statusCode).toBe(400);
    const empty = await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers, payload: {} });
    expect(empty.statusCode).toBe(400);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers });
    expect(me.json().user.timeZone).toBe("Europe/Paris");
  });

  it("changes the password only with the current one", async () => {
    const { user, cookie } = await t.signedIn("client");
    const headers = { ...json, cookie };
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/password",
      headers,
      payload: { currentPassword: "not-my-password", newPassword: "my-new-password-1" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("INVALID_CREDENTIALS");
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/password",
      headers,
      payload: { currentPassword: "correct-horse-battery", newPassword: "my-new-password-1" },
    });
    expect(ok.statusCode).toBe(200);
    expect(await t.signIn(user.email, "my-new-password-1", "10.4.0.1")).toContain("session_token");
  });
});

describe("admin session idle timeout", () => {
  it("ends an admin session after 30 idle minutes but keeps an active one alive", async () => {
    const { cookie } = await t.signedIn("admin");
    const client = await t.signedIn("client");
    const me = () => t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await me()).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe("SESSION_EXPIRED");
    expect((await me()).statusCode).toBe(401);
    // Clients are not subject to the admin idle timeout.
    const clientMe = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { cookie: client.cookie },
    });
    expect(clientMe.statusCode).toBe(200);
  });

  it("resolves a sign-in on the quick path only while it is live, and leaves the rest to better-auth", async () => {
    const { user, cookie } = await t.signedIn("client");
    const me = (cookieHeader: string) =>
      t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: cookieHeader } });
    const expiry = async () =>
      (
        await t.database.pool.query<{ expires_at: Date }>(
          "select expires_at from sessions where user_id = $1",
          [user.id],
        )
      ).rows.map((row) => row.expires_at.getTime());
    const setExpiry = (at: Date) =>
      t.database.pool.query("update sessions set expires_at = $2 where user_id = $1", [user.id, at]);
    const ttlMs = t.config.SESSION_TTL_HOURS * 3_600_000;

    expect((await me(cookie)).json().user.id).toBe(user.id);
    // An edited signature, another cookie's signature, a token alone: signed out.
    const [name, value] = cookie.split("=") as [string, string];
    const decoded = decodeURIComponent(value);
    const dot = decoded.lastIndexOf(".");
    const otherSignature = decoded.slice(dot + 1).startsWith("A") ? "B" : "A";
    for (const forged of [
      `${decoded.slice(0, dot + 1)}${otherSignature}${decoded.slice(dot + 2)}`,
      decoded.slice(0, dot),
      `${decoded.slice(0, dot)}x${decoded.slice(dot)}`,
    ])
      expect((await me(`${name}=${encodeURIComponent(forged)}`)).statusCode).toBe(401);

    // Due for the sliding refresh (less than TTL - 1 h left): still signed in, and extended.
    await setExpiry(new Date(Date.now() + ttlMs - 2 * 3_600_000));
    const [before] = await expiry();
    expect((await me(cookie)).statusCode).toBe(200);
    const [after] = await expiry();
    expect(after).toBeGreaterThan((before as number) + 3_600_000);

    // Past its expiry: signed out, and the sign-in is removed.
    await setExpiry(new Date(Date.now() - 1_000));
    expect((await me(cookie)).statusCode).toBe(401);
    expect(await expiry()).toEqual([]);
  });
});
