import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import type { UserRole } from "../../modules/users/users.schemas.js";
import { listRouteAccess } from "./access.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Caller = "anonymous" | UserRole;
const CALLERS: Caller[] = ["anonymous", "client", "reader", "admin"];

function allowed(access: ReturnType<typeof listRouteAccess>[number]["access"], caller: Caller) {
  if (access === "public") return true;
  if (caller === "anonymous") return false;
  return access === "authenticated" || access.includes(caller);
}

describe("the role guard", () => {
  it("covers every route, and every route declares who may call it", () => {
    const routes = listRouteAccess(t.app);
    expect(routes.length).toBeGreaterThan(15);
    const urls = routes.map((route) => `${route.method} ${route.url}`);
    for (const expected of [
      "GET /api/v1/me",
      "PATCH /api/v1/admin/users/:userId/role",
      "GET /api/v1/admin/audit-log",
    ]) {
      expect(urls).toContain(expected);
    }
  });

  it("refuses or lets through each caller on every route exactly as declared", async () => {
    const cookies: Record<Caller, string> = { anonymous: "", client: "", reader: "", admin: "" };
    const signIn = async (caller: Caller) => {
      if (caller !== "anonymous") cookies[caller] = (await t.signedIn(caller)).cookie;
    };
    for (const caller of CALLERS) await signIn(caller);
    const routes = listRouteAccess(t.app).filter((route) => route.url.startsWith("/api/v1/"));
    let checked = 0;
    for (const route of routes) {
      for (const caller of CALLERS) {
        const response = await t.app.inject({
          method: route.method as "GET",
          url: route.url.replace(":userId", "no-such-user").replace(":providerId", "auth0"),
          headers: { origin: TEST_ORIGIN, ...(cookies[caller] ? { cookie: cookies[caller] } : {}) },
          remoteAddress: `10.9.${checked % 250}.${CALLERS.indexOf(caller) + 1}`,
          ...(route.method === "GET" ? {} : { payload: {} }),
        });
        const label = `${caller} ${route.method} ${route.url} -> ${response.statusCode} ${response.body.slice(0, 120)}`;
        if (allowed(route.access, caller)) {
          const code = response.statusCode >= 400 ? response.json().error.code : null;
          expect(["UNAUTHENTICATED", "FORBIDDEN"], label).not.toContain(code);
          expect(response.statusCode, label).toBeLessThan(500);
        } else {
          expect(response.statusCode, label).toBe(caller === "anonymous" ? 401 : 403);
          expect(response.json().error.code, label).toBe(
            caller === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN",
          );
        }
        checked += 1;
        // Calls such as sign-out end the session: sign that caller in again.
        if (caller !== "anonymous") {
          const me = await t.app.inject({
            method: "GET",
            url: "/api/v1/me",
            headers: { cookie: cookies[caller] },
          });
          if (me.statusCode !== 200) await signIn(caller);
        }
      }
    }
    expect(checked).toBe(routes.length * CALLERS.length);
  });
});

describe("CSRF protection", () => {
  it("refuses a cookie-authenticated change from another origin, or with no origin, and changes nothing", async () => {
    const { cookie } = await t.signedIn("client");
    const attempts = [
      { origin: "https://evil.example", cookie },
      { cookie },
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, referer: "https://evil.example/form" },
    ];
    for (const headers of attempts) {
      const response = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers,
        payload: { displayName: "Hijacked" },
      });
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.json().error.code).toBe("CSRF_REJECTED");
    }
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } });
    expect(me.json().user.displayName).not.toBe("Hijacked");

    const sameOrigin = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      headers: { cookie, "sec-fetch-site": "same-origin" },
      payload: { displayName: "Same Origin" },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it("refuses a cross-site change however its path is spelled", async () => {
    const { cookie } = await t.signedIn("client");
    const topUpsBefore = await t.count("top_ups");
    // Each spelling reaches (or would reach) the top-up route once the router decodes it.
    const spellings = [
      "/api/v1/wallet/top-ups",
      "/api/%761/wallet/top-ups",
      "/api/%76%31/wallet/top-ups",
      "/%61pi/v1/wallet/top-ups",
      "/%61%70%69/%76%31/%77allet/top-ups",
      "/api/v1/wallet/top%2Dups",
      "/api/v1/wallet/top-ups?x=/api/docs",
      "//api/v1/wallet/top-ups",
      "/api/v1/wallet/top-ups/",
    ];
    for (const url of spellings) {
      const response = await t.app.inject({
        method: "POST",
        url,
        headers: { origin: "https://evil.example", cookie },
        payload: { amountCents: 2_500 },
      });
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code, url).toBe("CSRF_REJECTED");
    }
    expect(await t.count("top_ups")).toBe(topUpsBefore);
    // The decoded spelling from our own origin is the same route and works.
    const ours = await t.app.inject({
      method: "POST",
      url: "/api/%761/wallet/top-ups",
      headers: { origin: TEST_ORIGIN, cookie },
      payload: { amountCents: 2_500 },
    });
    expect(ours.statusCode, ours.body).toBe(201);
  });

  it("refuses a cross-origin sign-in attempt even without cookies", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      headers: { origin: "https://evil.example" },
      remoteAddress: "10.8.0.9",
      payload: { email: "a@example.test", password: "whatever-it-is" },
    });
    expect(response.json().error.code).toBe("CSRF_REJECTED");
  });
});

describe("sign-in rate limit", () => {
  it("allows 5 attempts per IP in the window, then answers 429 even to the right password", async () => {
    const user = await t.createUser("client");
    const attempt = (password: string, ip: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        headers: { origin: TEST_ORIGIN },
        remoteAddress: ip,
        payload: { email: user.email, password },
      });
    for (let index = 0; index < 5; index += 1) {
      expect((await attempt("wrong-password-guess", "10.7.0.1")).statusCode).toBe(401);
    }
    const blocked = await attempt("correct-horse-battery", "10.7.0.1");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("RATE_LIMITED");
    expect((await attempt("correct-horse-battery", "10.7.0.2")).statusCode).toBe(200);
  });
});

describe("HTTP platform", () => {
  it("sends security headers and a request id, and reuses a well-formed incoming one", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/health",
      headers: { "x-request-id": "abc-123-def-456" },
    });
    expect(response.json()).toEqual({ status: "ok" });
    expect(response.headers["x-request-id"]).toBe("abc-123-def-456");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers["x-frame-options"]).toBe("DENY");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
    const generated = await t.app.inject({
      method: "GET",
      url: "/health",
      headers: { "x-request-id": "bad id!" },
    });
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends HSTS when the site is served over https", async () => {
    const secure = await createTestApp({ PUBLIC_URL: "https://soulseer.example" });
    try {
      const response = await secure.app.inject({ method: "GET", url: "/health" });
      expect(response.headers["strict-transport-security"]).toContain("max-age=31536000");
    } finally {
      await secure.close();
    }
  });

  it("reports readiness from the database", async () => {
    expect((await t.app.inject({ method: "GET", url: "/ready" })).json()).toEqual({ status: "ready" });
  });

  it("answers unknown routes and malformed JSON with typed errors, never a 500", async () => {
    const missing = await t.app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("NOT_FOUND");
    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-up",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe("VALIDATION_FAILED");
    const wrongType = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-up",
      headers: { origin: TEST_ORIGIN, "content-type": "application/xml" },
      payload: "hello",
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");

    // NUL, which PostgreSQL text cannot hold, in a query string or anywhere in a JSON body.
    const inQuery = await t.app.inject({ method: "GET", url: "/api/v1/readers?q=moon%00" });
    expect(inQuery.statusCode, inQuery.body).toBe(400);
    expect(inQuery.json().error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "/q" }] });
    const email = "nul-in-name@example.test";
    const inBody = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-up",
      headers: { origin: TEST_ORIGIN },
      payload: {
        email,
        password: "correct-horse-battery",
        displayName: "Nu\u0000ll",
        dateOfBirth: "1990-01-01",
        acceptTerms: true,
      },
    });
    expect(inBody.statusCode, inBody.body).toBe(400);
    expect(inBody.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "/displayName" }],
    });
    const stored = await t.database.pool.query("select 1 from users where email = $1", [email]);
    expect(stored.rowCount).toBe(0);
  });

  it("serves the OpenAPI 3.1 document and the docs page", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/api/v1/auth/sign-up");
    const docs = await t.app.inject({ method: "GET", url: "/api/docs" });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
