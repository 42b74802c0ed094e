import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookieHeader,
  createTestApp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type TestApp,
} from "../../../test/harness.js";
import { secretOfOtpauthUri, totpCode } from "../../../test/totp.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let ipCounter = 0;
/** Each call from its own address, so the sign-in rate limit never interferes. */
function post(url: string, payload: unknown, cookie?: string) {
  ipCounter += 1;
  return t.app.inject({
    method: "POST",
    url,
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    remoteAddress: `198.51.100.${ipCounter % 250}`,
    payload: payload as Record<string, unknown>,
  });
}
const get = (url: string, cookie: string) => t.app.inject({ method: "GET", url, headers: { cookie } });

/** A code that is not the current one (nor the ones either side of it). */
function wrongCode(secret: string) {
  const near = new Set([-30_000, 0, 30_000].map((offset) => totpCode(secret, Date.now() + offset)));
  for (let candidate = 0; candidate < 10; candidate += 1) {
    const code = String(123456 + candidate * 111111).slice(0, 6);
    if (!near.has(code)) return code;
  }
  throw new Error("no wrong code found");
}

/** An admin without two-factor sign-in, signed in with the password alone. */
async function adminWithoutTwoFactor() {
  const user = await t.createUser("admin", { twoFactor: false });
  return { user, cookie: await t.signIn(user.email) };
}

/** Turns two-factor sign-in on for a signed-in user; returns the secret, codes and new cookie. */
async function turnOn(cookie: string) {
  const setup = await post("/api/v1/me/two-factor/setup", { password: TEST_PASSWORD }, cookie);
  expect(setup.statusCode).toBe(200);
  const { totpUri, secret, backupCodes } = setup.json() as {
    totpUri: string;
    secret: string;
    backupCodes: string[];
  };
  expect(secretOfOtpauthUri(totpUri)).toBe(secret);
  const confirmed = await post("/api/v1/me/two-factor/confirm", { code: totpCode(secret) }, cookie);
  expect(confirmed.statusCode).toBe(200);
  return { secret, backupCodes, cookie: cookieHeader(confirmed.headers["set-cookie"]) };
}

describe("admins and two-factor sign-in", () => {
  it("blocks admin routes until two-factor sign-in is on, and opens them after", async () => {
    const { user, cookie } = await adminWithoutTwoFactor();
    const blocked = await get("/api/v1/admin/users", cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("TWO_FACTOR_SETUP_REQUIRED");
    // What setting it up needs stays open.
    const me = await get("/api/v1/me", cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: user.id, twoFactorEnabled: false });

    const badPassword = await post("/api/v1/me/two-factor/setup", { password: "not-the-password" }, cookie);
    expect(badPassword.statusCode).toBe(401);
    expect(badPassword.json().error.code).toBe("INVALID_CREDENTIALS");

    const setup = await post("/api/v1/me/two-factor/setup", { password: TEST_PASSWORD }, cookie);
    expect(setup.statusCode).toBe(200);
    const { totpUri, secret, backupCodes } = setup.json();
    expect(totpUri).toMatch(/^otpauth:\/\/totp\/SoulSeer:/);
    expect(new URL(totpUri).searchParams.get("issuer")).toBe("SoulSeer");
    expect(secretOfOtpauthUri(totpUri)).toBe(secret);
    expect(backupCodes).toHaveLength(10);

    // Not on until a code from the app is accepted; a wrong code changes nothing.
    expect((await get("/api/v1/admin/users", cookie)).json().error.code).toBe("TWO_FACTOR_SETUP_REQUIRED");
    const wrong = await post("/api/v1/me/two-factor/confirm", { code: wrongCode(secret) }, cookie);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("INVALID_TWO_FACTOR_CODE");
    expect((await get("/api/v1/admin/users", cookie)).statusCode).toBe(403);
    const malformed = await post("/api/v1/me/two-factor/confirm", { code: "12ab56" }, cookie);
    expect(malformed.statusCode).toBe(400);

    const confirmed = await post("/api/v1/me/two-factor/confirm", { code: totpCode(secret) }, cookie);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user.twoFactorEnabled).toBe(true);
    const newCookie = cookieHeader(confirmed.headers["set-cookie"]);
    expect(newCookie).toContain("session_token=");
    const allowed = await get("/api/v1/admin/users", newCookie);
    expect(allowed.statusCode).toBe(200);
  });

  it("signs in with the password, then a TOTP code; a wrong code gives no session", async () => {
    const { user, cookie } = await adminWithoutTwoFactor();
    const { secret } = await turnOn(cookie);

    const first = await post("/api/v1/auth/sign-in", { email: user.email, password: TEST_PASSWORD });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ step: "TWO_FACTOR_REQUIRED", methods: ["totp", "backup-code"] });
    const pending = cookieHeader(first.headers["set-cookie"]);
    expect(pending).not.toMatch(/session_token=[^;\s]/);
    expect(pending).toContain("two_factor=");
    // The pending step is no sign-in.
    expect((await get("/api/v1/me", pending)).statusCode).toBe(401);

    const wrong = await post("/api/v1/auth/two-factor/verify-totp", { code: wrongCode(secret) }, pending);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("INVALID_TWO_FACTOR_CODE");
    expect(cookieHeader(wrong.headers["set-cookie"])).not.toMatch(/session_token=[^;\s]/);

    const ok = await post("/api/v1/auth/two-factor/verify-totp", { code: totpCode(secret) }, pending);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ id: user.id, twoFactorEnabled: true });
    const session = cookieHeader(ok.headers["set-cookie"]);
    expect((await get("/api/v1/admin/users", session)).statusCode).toBe(200);

    // The step's cookie works once.
    const replay = await post("/api/v1/auth/two-factor/verify-totp", { code: totpCode(secret) }, pending);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe("SESSION_EXPIRED");
    // And without one there is nothing to finish.
    const none = await post("/api/v1/auth/two-factor/verify-totp", { code: totpCode(secret) });
    expect(none.statusCode).toBe(401);
  });

  it("accepts each backup code once", async () => {
    const { user, cookie } = await adminWithoutTwoFactor();
    const { backupCodes } = await turnOn(cookie);
    const code = backupCodes[0] ?? "";

    const first = await post("/api/v1/auth/sign-in", { email: user.email, password: TEST_PASSWORD });
    const used = await post(
      "/api/v1/auth/two-factor/verify-backup-code",
      { code },
      cookieHeader(first.headers["set-cookie"]),
    );
    expect(used.statusCode).toBe(200);
    expect(used.json().user.id).toBe(user.id);
    expect((await get("/api/v1/me", cookieHeader(used.headers["set-cookie"]))).statusCode).toBe(200);

    const second = await post("/api/v1/auth/sign-in", { email: user.email, password: TEST_PASSWORD });
    const pending = cookieHeader(second.headers["set-cookie"]);
    const again = await post("/api/v1/auth/two-factor/verify-backup-code", { code }, pending);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe("INVALID_TWO_FACTOR_CODE");
    const next = await post("/api/v1/auth/two-factor/verify-backup-code", { code: backupCodes[1] }, pending);
    expect(next.statusCode).toBe(200);
  });

  it("turns off with the password only, and the admin routes close again", async () => {
    const { user, cookie } = await adminWithoutTwoFactor();
    const on = await turnOn(cookie);
    const refused = await post("/api/v1/me/two-factor/disable", { password: "not-the-password" }, on.cookie);
    expect(refused.statusCode).toBe(401);
    expect((await get("/api/v1/me", on.cookie)).json().user.twoFactorEnabled).toBe(true);

    const off = await post("/api/v1/me/two-factor/disable", { password: TEST_PASSWORD }, on.cookie);
    expect(off.statusCode).toBe(200);
    expect(off.json().user.twoFactorEnabled).toBe(false);
    const afterOff = cookieHeader(off.headers["set-cookie"]);
    expect((await get("/api/v1/admin/users", afterOff)).json().error.code).toBe("TWO_FACTOR_SETUP_REQUIRED");

    const signIn = await post("/api/v1/auth/sign-in", { email: user.email, password: TEST_PASSWORD });
    expect(signIn.statusCode).toBe(200);
  });

  it("needs a sign-in to set up, and leaves other roles' routes as they were", async () => {
    expect((await post("/api/v1/me/two-factor/setup", { password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await post("/api/v1/me/two-factor/confirm", { code: "123456" })).statusCode).toBe(401);
    expect((await post("/api/v1/me/two-factor/disable", { password: TEST_PASSWORD })).statusCode).toBe(401);
    const client = await t.signedIn("client");
    expect((await get("/api/v1/admin/users", client.cookie)).json().error.code).toBe("FORBIDDEN");
    expect((await get("/api/v1/wallet", client.cookie)).statusCode).toBe(200);
    // The harness's admins have it on already.
    const admin = await t.signedIn("admin");
    expect((await get("/api/v1/admin/users", admin.cookie)).statusCode).toBe(200);
  });
});
