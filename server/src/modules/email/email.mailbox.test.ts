import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSmtp } from "../../../test/fake-smtp.js";
import {
  cookieHeader,
  createTestApp,
  TEST_ORIGIN,
  type TestApp,
  tokenFromEmail,
} from "../../../test/harness.js";
import { MAILBOX_COOKIE } from "./email.mailbox.js";

function signUpBody(email: string) {
  return {
    email,
    password: "a-long-enough-password",
    displayName: "Nova Reyes",
    dateOfBirth: "1994-03-08",
    acceptTerms: true,
  };
}

let ipCounter = 0;
async function signUp(t: TestApp, email: string, cookie = "") {
  ipCounter += 1;
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-up",
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    remoteAddress: `198.51.100.${ipCounter}`,
    payload: signUpBody(email),
  });
  expect(response.statusCode).toBe(201);
  return response;
}

async function mailbox(t: TestApp, cookie?: string) {
  return t.app.inject({
    method: "GET",
    url: "/api/v1/sandbox/mailbox",
    headers: cookie ? { cookie } : {},
  });
}

describe("the sandbox mailbox (no SMTP, payment sandbox)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PAYMENT_PROVIDER: "sandbox" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("is announced to the web app", async () => {
    const config = await t.app.inject({ method: "GET", url: "/api/v1/config" });
    expect(config.json().sandboxMailbox).toBe(true);
  });

  it("shows the browser that signed up its verification mail, whose link verifies the account", async () => {
    const email = "mailbox-owner@example.test";
    const response = await signUp(t, email);
    const setCookie = response.headers["set-cookie"];
    expect(String(setCookie)).toMatch(/HttpOnly/);
    const cookie = cookieHeader(setCookie);
    expect(cookie).toContain(`${MAILBOX_COOKIE}=`);

    const box = await mailbox(t, cookie);
    expect(box.statusCode).toBe(200);
    expect(box.json().addresses).toEqual([email]);
    const verify = box.json().items.find((item: { kind: string }) => item.kind === "verify-email");
    expect(verify.textBody).toContain(`${TEST_ORIGIN}/verify-email?token=`);
    const verified = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/verify-email",
      headers: { origin: TEST_ORIGIN },
      payload: { token: tokenFromEmail(verify.textBody) },
    });
    expect(verified.statusCode).toBe(200);

    // Forgot password from the same browser: the reset mail shows up too.
    const reset = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/request-password-reset",
      headers: { origin: TEST_ORIGIN, cookie },
      remoteAddress: "198.51.100.200",
      payload: { email },
    });
    expect(reset.statusCode).toBe(202);
    const after = await mailbox(t, cookie);
    expect(after.json().items.some((item: { kind: string }) => item.kind === "reset-password")).toBe(true);
  });

  it("keeps several sign-ups of one browser", async () => {
    const first = cookieHeader((await signUp(t, "first-of-two@example.test")).headers["set-cookie"]);
    const second = cookieHeader((await signUp(t, "second-of-two@example.test", first)).headers["set-cookie"]);
    expect((await mailbox(t, second)).json().addresses).toEqual([
      "first-of-two@example.test",
      "second-of-two@example.test",
    ]);
  });

  it("never shows someone else's mail: no cookie, another browser's sign-up, a forged or edited cookie", async () => {
    const victim = "victim@example.test";
    await signUp(t, victim);
    // A reset the attacker asks for lands in the victim's mail, not the attacker's.
    await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/request-password-reset",
      headers: { origin: TEST_ORIGIN },
      remoteAddress: "198.51.100.201",
      payload: { email: victim },
    });

    const none = await mailbox(t);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ addresses: [], items: [] });

    const attacker = cookieHeader((await signUp(t, "attacker@example.test")).headers["set-cookie"]);
    const own = (await mailbox(t, attacker)).json();
    expect(own.addresses).toEqual(["attacker@example.test"]);
    expect(own.items.every((item: { to: string }) => item.to === "attacker@example.test")).toBe(true);

    // Signing up again with the victim's address fails and grants nothing.
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-up",
      headers: { origin: TEST_ORIGIN, cookie: attacker },
      remoteAddress: "198.51.100.202",
      payload: signUpBody(victim),
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers["set-cookie"]).toBeUndefined();

    // A cookie naming the victim, without our signature, or with the attacker's signature.
    const value = attacker.split(`${MAILBOX_COOKIE}=`)[1] ?? "";
    const [, signature] = value.split(".");
    const forgedPayload = Buffer.from(JSON.stringify([{ address: victim, sinceMs: 0 }])).toString(
      "base64url",
    );
    for (const forged of [`${forgedPayload}.${signature}`, forgedPayload, `${forgedPayload}.x`, "garbage"]) {
      const box = await mailbox(t, `${MAILBOX_COOKIE}=${forged}`);
      expect(box.statusCode).toBe(200);
      expect(box.json()).toEqual({ addresses: [], items: [] });
    }
  });
});

/** A sign-up gets no mailbox cookie, the mailbox answers 404, and the config says it is off. */
async function expectNoSandboxMailbox(t: TestApp, email: string) {
  const response = await signUp(t, email);
  expect(response.headers["set-cookie"]).toBeUndefined();
  expect((await mailbox(t)).statusCode).toBe(404);
  expect((await t.app.inject({ method: "GET", url: "/api/v1/config" })).json().sandboxMailbox).toBe(false);
}

describe("the sandbox mailbox does not exist", () => {
  it("once an SMTP server is configured", async () => {
    const smtp = await startFakeSmtp();
    const t = await createTestApp({ PAYMENT_PROVIDER: "sandbox", SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      await expectNoSandboxMailbox(t, "with-smtp@example.test");
    } finally {
      await t.close();
      await smtp.close();
    }
  });

  it("in a deployment that takes real payments (Stripe), even without SMTP", async () => {
    const t = await createTestApp({
      PAYMENT_PROVIDER: "stripe",
      STRIPE_SECRET_KEY: "sk_test_local_fake",
      STRIPE_WEBHOOK_SECRET: "whsec_local_fake",
    });
    try {
      await expectNoSandboxMailbox(t, "deployed@example.test");
    } finally {
      await t.close();
    }
  });
});
