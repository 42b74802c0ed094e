import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieHeader, createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";

const CLIENT_ID = "soulseer-web";
const CLIENT_SECRET = "client-secret-for-the-local-provider";
const AUDIENCE = "https://api.soulseer.test";
const CALLBACK_URL = `${TEST_ORIGIN}/api/auth/callback/auth0`;
const KEY_ID = "test-signing-key";

/** How the stand-in provider misbehaves; reset before each test. */
interface Knobs {
  /** Issue access tokens for this API whatever the app asked for. */
  accessTokenAudience?: string;
  /** Ignore the `audience` parameter (the access token is then opaque, for userinfo only). */
  ignoreAudience?: boolean;
  /** Re-sign the ID token (with the provider's own key) for this client id. */
  idTokenAudience?: string;
  /** The ID token's email_verified claim (true unless set). */
  emailVerified?: boolean;
}

/**
 * oidc-provider standing in for Auth0 on 127.0.0.1: Auth0's `audience` parameter selects the
 * resource server, access tokens for it are JWTs whose `aud` is the API, and ID tokens carry the
 * profile and email claims (as Auth0's do). Login and consent use the dev interaction forms.
 */
async function startFakeAuth0(knobs: Knobs) {
  let listener: RequestListener = (_req, res) => res.end();
  const server = createServer((req, res) => listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: "RS256", use: "sig" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [CALLBACK_URL],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ["cookie-key-for-the-local-provider"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "nickname"] },
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    extraParams: ["audience"],
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({
        sub,
        email: `${sub}@auth0.example.test`,
        email_verified: knobs.emailVerified ?? true,
        name: `Seeker ${sub}`,
      }),
    }),
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => {
          const audience = ctx.oidc.params?.audience;
          return typeof audience === "string" && !knobs.ignoreAudience ? audience : undefined;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: "read:readings",
          audience: knobs.accessTokenAudience ?? resource,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "RS256" } },
        }),
      },
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== "/token" || !knobs.idTokenAudience || !body?.id_token) return;
    const claims = { ...decodeJwt(body.id_token), aud: knobs.idTokenAudience };
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: KEY_ID })
      .sign(privateKey);
    ctx.body = { ...body, id_token: idToken };
  });
  listener = provider.callback();
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { issuer, close };
}

/**
 * A browser at the provider: follows redirects, answers the login form as `subject` and the
 * consent form, and returns the redirect back to the app (not followed).
 */
async function signInAtProvider(authorizeUrl: string, subject: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizeUrl);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      body: form,
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [name = "", value = ""] = (cookie.split(";")[0] ?? "").split(/=(.*)/s);
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    form = undefined;
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      if (url.origin === TEST_ORIGIN) return url;
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (!prompt)
      throw new Error(`provider answered ${response.status} without a form: ${page.slice(0, 400)}`);
    form = new URLSearchParams({ prompt, login: subject, password: "any" });
  }
  throw new Error("provider never redirected back to the app");
}

let t: TestApp;
let fakeAuth0: Awaited<ReturnType<typeof startFakeAuth0>>;
const knobs: Knobs = {};

beforeAll(async () => {
  fakeAuth0 = await startFakeAuth0(knobs);
  t = await createTestApp({
    AUTH0_DOMAIN: fakeAuth0.issuer,
    AUTH0_CLIENT_ID: CLIENT_ID,
    AUTH0_CLIENT_SECRET: CLIENT_SECRET,
    AUTH0_AUDIENCE: AUDIENCE,
  });
});
afterAll(async () => {
  await t?.close();
  await fakeAuth0?.close();
});

/** Start → provider → callback; returns the callback's answer. */
async function continueWithAuth0(subject: string) {
  const start = await t.app.inject({ method: "GET", url: "/api/v1/auth/auth0/start" });
  expect(start.statusCode).toBe(302);
  const authorizeUrl = String(start.headers.location);
  const back = await signInAtProvider(authorizeUrl, subject);
  const callback = await t.app.inject({
    method: "GET",
    url: `${back.pathname}${back.search}`,
    headers: { cookie: cookieHeader(start.headers["set-cookie"]) },
  });
  return { authorizeUrl: new URL(authorizeUrl), back, callback };
}

async function usersWithEmail(email: string) {
  const result = await t.database.pool.query("select id, role from users where email = $1", [email]);
  return result.rows as { id: string; role: string }[];
}

describe("Continue with Auth0 (local OpenID provider)", () => {
  it("signs a new client in, and the same subject again without a second user", async () => {
    Object.assign(knobs, {
      accessTokenAudience: undefined,
      ignoreAudience: false,
      idTokenAudience: undefined,
      emailVerified: undefined,
    });
    const { authorizeUrl, back, callback } = await continueWithAuth0("ada");
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${fakeAuth0.issuer}/auth`);
    const params = authorizeUrl.searchParams;
    expect(params.get("client_id")).toBe(CLIENT_ID);
    expect(params.get("redirect_uri")).toBe(CALLBACK_URL);
    expect(params.get("audience")).toBe(AUDIENCE);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toBeTruthy();
    expect(params.get("state")).toBeTruthy();
    expect(params.get("nonce")).toBeTruthy();
    expect(back.origin + back.pathname).toBe(CALLBACK_URL);

    expect(callback.statusCode).toBe(302);
    // A new member gives a date of birth and accepts the terms first.
    expect(callback.headers.location).toBe("/complete-profile");
    const cookie = cookieHeader(callback.headers["set-cookie"]);
    expect(cookie).toContain("session_token=");
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      email: "ada@auth0.example.test",
      displayName: "Seeker ada",
      role: "client",
      emailVerified: true,
      profileComplete: false,
    });
    const stored = await t.database.pool.query(
      "select account_id, access_token from accounts where provider_id = 'auth0' and user_id = $1",
      [me.json().user.id],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].account_id).toBe("ada");
    expect(decodeJwt(stored.rows[0].access_token).aud).toBe(AUDIENCE);

    const usersBefore = await t.count("users");
    const again = await continueWithAuth0("ada");
    expect(again.callback.headers.location).toBe("/account");
    const meAgain = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { cookie: cookieHeader(again.callback.headers["set-cookie"]) },
    });
    expect(meAgain.json().user.id).toBe(me.json().user.id);
    expect(await t.count("users")).toBe(usersBefore);
    expect(await usersWithEmail("ada@auth0.example.test")).toHaveLength(1);
  });

  it.each<[string, Knobs]>([
    ["an access token for another API", { accessTokenAudience: "https://other-api.example.test" }],
    ["an opaque access token (audience ignored)", { ignoreAudience: true }],
    ["an ID token issued to another client", { idTokenAudience: "someone-elses-client" }],
  ])("refuses %s: no user, no session", async (_name, misbehaviour) => {
    Object.assign(knobs, {
      accessTokenAudience: undefined,
      ignoreAudience: false,
      idTokenAudience: undefined,
      emailVerified: undefined,
    });
    Object.assign(knobs, misbehaviour);
    const subject = `mallory-${Math.random().toString(36).slice(2, 8)}`;
    const usersBefore = await t.count("users");
    const sessionsBefore = await t.count("sessions");
    const { callback } = await continueWithAuth0(subject);
    expect(callback.statusCode).toBe(302);
    expect(String(callback.headers.location)).toMatch(/^\/sign-in\?error=auth0.*unable_to_get_user_info/);
    expect(cookieHeader(callback.headers["set-cookie"])).not.toContain("session_token=");
    expect(await t.count("users")).toBe(usersBefore);
    expect(await t.count("sessions")).toBe(sessionsBefore);
    expect(await usersWithEmail(`${subject}@auth0.example.test`)).toHaveLength(0);
  });

  it("asks a new member for a date of birth and the terms before any paid action", async () => {
    Object.assign(knobs, {
      accessTokenAudience: undefined,
      ignoreAudience: false,
      idTokenAudience: undefined,
    });
    Object.assign(knobs, { emailVerified: undefined });
    const { callback } = await continueWithAuth0("bea");
    expect(callback.headers.location).toBe("/complete-profile");
    const cookie = cookieHeader(callback.headers["set-cookie"]);
    const post = (url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: "POST", url, headers: { cookie, origin: TEST_ORIGIN }, payload });
    const { reader } = await t.createReader();

    const spending: [string, Record<string, unknown>][] = [
      ["/api/v1/wallet/top-ups", { amountCents: 1000 }],
      ["/api/v1/readings", { readerUserId: reader.userId, kind: "chat" }],
      ["/api/v1/readings/00000000-0000-4000-8000-000000000000/tip", { amountCents: 100 }],
      ["/api/v1/waitlist", { readerUserId: reader.userId, kind: "chat" }],
    ];
    for (const [url, payload] of spending) {
      const refused = await post(url, payload);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code, url).toBe("PROFILE_INCOMPLETE");
    }
    const topUpsBefore = await t.count("top_ups");

    const underage = await post("/api/v1/me/complete-profile", {
      dateOfBirth: "2015-01-01",
      acceptTerms: true,
    });
    expect(underage.statusCode).toBe(422);
    expect(underage.json().error.code).toBe("UNDERAGE");
    const noTerms = await post("/api/v1/me/complete-profile", {
      dateOfBirth: "1990-01-01",
      acceptTerms: false,
    });
    expect(noTerms.json().error.code).toBe("TERMS_NOT_ACCEPTED");
    const badDate = await post("/api/v1/me/complete-profile", {
      dateOfBirth: "1990-02-31",
      acceptTerms: true,
    });
    expect(badDate.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).json().user,
    ).toMatchObject({ dateOfBirth: null, profileComplete: false });
    expect(await t.count("top_ups")).toBe(topUpsBefore);

    const done = await post("/api/v1/me/complete-profile", { dateOfBirth: "1990-01-01", acceptTerms: true });
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ dateOfBirth: "1990-01-01", profileComplete: true });
    const topUp = await post("/api/v1/wallet/top-ups", { amountCents: 1000 });
    expect(topUp.statusCode).toBe(201);

    // An email sign-up gave both at sign-up: nothing to complete.
    const client = await t.signedIn("client");
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: client.cookie } });
    expect(me.json().user.profileComplete).toBe(true);
  });

  it("joins an existing email account only when Auth0 says the email is verified", async () => {
    Object.assign(knobs, {
      accessTokenAudience: undefined,
      ignoreAudience: false,
      idTokenAudience: undefined,
    });
    const existing = await t.createUser("client", { email: "linda@auth0.example.test" });
    Object.assign(knobs, { emailVerified: true });
    const usersBefore = await t.count("users");
    const { callback } = await continueWithAuth0("linda");
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe("/account");
    const cookie = cookieHeader(callback.headers["set-cookie"]);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.json().user).toMatchObject({ id: existing.id, profileComplete: true });
    expect(await t.count("users")).toBe(usersBefore);
    const linked = await t.database.pool.query(
      "select user_id from accounts where provider_id = 'auth0' and account_id = 'linda'",
    );
    expect(linked.rows).toEqual([{ user_id: existing.id }]);
  });

  it("refuses an unverified Auth0 email that matches an account: no link, no second account", async () => {
    Object.assign(knobs, {
      accessTokenAudience: undefined,
      ignoreAudience: false,
      idTokenAudience: undefined,
    });
    const existing = await t.createUser("client", { email: "uma@auth0.example.test" });
    Object.assign(knobs, { emailVerified: false });
    const sessionsBefore = await t.count("sessions");
    const { callback } = await continueWithAuth0("uma");
    Object.assign(knobs, { emailVerified: undefined });
    expect(callback.statusCode).toBe(302);
    expect(String(callback.headers.location)).toMatch(/^\/sign-in\?error=auth0.*account_not_linked/);
    expect(cookieHeader(callback.headers["set-cookie"])).not.toMatch(/session_token=[^;\s]/);
    expect(await t.count("sessions")).toBe(sessionsBefore);
    expect(await usersWithEmail("uma@auth0.example.test")).toEqual([{ id: existing.id, role: "client" }]);
    const linked = await t.database.pool.query(
      "select 1 from accounts where provider_id = 'auth0' and account_id = 'uma'",
    );
    expect(linked.rows).toHaveLength(0);
  });

  it("never signs an admin in through Auth0 (it would skip the two-factor step)", async () => {
    Object.assign(knobs, {
      accessTokenAudience: undefined,
      ignoreAudience: false,
      idTokenAudience: undefined,
    });
    Object.assign(knobs, { emailVerified: true });
    await t.createUser("admin", { email: "alma@auth0.example.test" });
    const sessionsBefore = await t.count("sessions");
    const { callback } = await continueWithAuth0("alma");
    Object.assign(knobs, { emailVerified: undefined });
    expect(callback.statusCode).toBe(302);
    expect(String(callback.headers.location)).toMatch(/^\/sign-in\?error=auth0/);
    expect(cookieHeader(callback.headers["set-cookie"])).not.toMatch(/session_token=[^;\s]/);
    expect(await t.count("sessions")).toBe(sessionsBefore);
  });

  it("reports whether Auth0 is configured, and refuses to start when it is not", async () => {
    const configured = await t.app.inject({ method: "GET", url: "/api/v1/config" });
    expect(configured.json().auth0Enabled).toBe(true);

    const plain = await createTestApp();
    try {
      const config = await plain.app.inject({ method: "GET", url: "/api/v1/config" });
      expect(config.json().auth0Enabled).toBe(false);
      const start = await plain.app.inject({ method: "GET", url: "/api/v1/auth/auth0/start" });
      expect(start.statusCode).toBe(404);
      expect(start.json().error.code).toBe("FEATURE_DISABLED");
    } finally {
      await plain.close();
    }
  });
});
