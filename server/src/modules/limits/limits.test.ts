import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";

// Two apps on one database stand in for two nodes of one deployment.
let nodeA: TestApp;
let nodeB: TestApp;
beforeAll(async () => {
  nodeA = await createTestApp({ TRUST_PROXY: "10.0.0.1" });
  nodeB = await createTestApp({ TRUST_PROXY: "10.0.0.1" }, { databaseUrl: nodeA.url });
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

function signIn(node: TestApp, email: string, password: string, ip: string, forwardedFor?: string) {
  return node.app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    headers: { origin: TEST_ORIGIN, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    remoteAddress: ip,
    payload: { email, password },
  });
}

describe("rate limits shared by every node", () => {
  it("refuses the sixth sign-in attempt in the window on the other node, with Retry-After", async () => {
    const user = await nodeA.createUser("client");
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn(nodeA, user.email, "wrong-password-guess", "198.51.100.7")).statusCode).toBe(401);
    }
    const refused = await signIn(nodeB, user.email, "correct-horse-battery", "198.51.100.7");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("RATE_LIMITED");
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    // Another address is not affected.
    expect((await signIn(nodeB, user.email, "correct-horse-battery", "198.51.100.8")).statusCode).toBe(200);
    // After the window the address may try again.
    // (Each node has its own test clock; both move.)
    nodeA.clock.advance(301_000);
    nodeB.clock.advance(301_000);
    expect((await signIn(nodeB, user.email, "correct-horse-battery", "198.51.100.7")).statusCode).toBe(200);
  });

  it("ignores X-Forwarded-For from an untrusted peer, and believes it from a trusted proxy", async () => {
    const user = await nodeA.createUser("client");
    // An untrusted peer making up a new client address for every attempt is still one address.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await signIn(nodeA, user.email, "wrong", "203.0.113.9", `192.0.2.${100 + attempt}`);
      expect(response.statusCode).toBe(401);
    }
    expect((await signIn(nodeB, user.email, "wrong", "203.0.113.9", "192.0.2.200")).statusCode).toBe(429);
    // The session records the peer too, not the made-up address.
    const signedIn = await signIn(nodeA, user.email, "correct-horse-battery", "203.0.113.10", "192.0.2.99");
    expect(signedIn.statusCode).toBe(200);
    const recorded = await nodeA.database.pool.query<{ ip_address: string }>(
      "select ip_address from sessions where user_id = $1",
      [user.id],
    );
    expect(recorded.rows.map((row) => row.ip_address)).toEqual(["203.0.113.10"]);
    // The trusted proxy (10.0.0.1) forwards for many clients: each is counted on its own.
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await signIn(nodeA, user.email, "wrong", "10.0.0.1", `192.0.2.${150 + attempt}`);
      expect(response.statusCode).toBe(401);
    }
  });

  it("limits password-reset and verification mail per address across nodes", async () => {
    const ask = (node: TestApp, url: string) =>
      node.app.inject({
        method: "POST",
        url,
        headers: { origin: TEST_ORIGIN },
        remoteAddress: "198.51.100.20",
        payload: { email: "nobody@example.test" },
      });
    for (const url of ["/api/v1/auth/request-password-reset", "/api/v1/auth/resend-verification"]) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await ask(attempt % 2 === 0 ? nodeA : nodeB, url)).statusCode).toBe(202);
      }
      const refused = await ask(nodeB, url);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers["retry-after"]).toBeDefined();
    }
  });

  it("limits sign-ups per address across nodes", async () => {
    const signUp = (node: TestApp, index: number) =>
      node.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-up",
        headers: { origin: TEST_ORIGIN },
        remoteAddress: "198.51.100.30",
        // An underage sign-up is refused without creating anything, but still spends an attempt.
        payload: {
          email: `sign-up-${index}@example.test`,
          password: "correct-horse-battery",
          displayName: "Someone",
          dateOfBirth: "2020-01-01",
          acceptTerms: true,
        },
      });
    for (let index = 0; index < 20; index += 1) {
      expect((await signUp(index % 2 === 0 ? nodeA : nodeB, index)).statusCode).not.toBe(429);
    }
    expect((await signUp(nodeB, 20)).json().error.code).toBe("RATE_LIMITED");
  });

  it("limits wallet top-ups per user across nodes, and bad input spends nothing", async () => {
    const { cookie } = await nodeA.signedIn("client");
    const topUp = (node: TestApp, amountCents: number, currency = "usd") =>
      node.app.inject({
        method: "POST",
        url: "/api/v1/wallet/top-ups",
        headers: { origin: TEST_ORIGIN, cookie },
        payload: { amountCents, currency },
      });
    for (let index = 0; index < 3; index += 1) {
      expect((await topUp(nodeA, 1000, "eur")).json().error.code).toBe("UNSUPPORTED_CURRENCY");
    }
    for (let index = 0; index < 20; index += 1) {
      expect((await topUp(index % 2 === 0 ? nodeA : nodeB, 1000)).statusCode).toBe(201);
    }
    const refused = await topUp(nodeB, 1000);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("RATE_LIMITED");
  });

  it("stores no address, and sweeps counters whose window has ended", async () => {
    const rows = await nodeA.database.pool.query<{ key_hash: string }>(
      "select key_hash from rate_limit_counters",
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.some((row) => row.key_hash.includes("198.51.100"))).toBe(false);
    nodeA.clock.advance(2 * 60 * 60_000);
    expect(await nodeA.services.limits.sweep()).toBeGreaterThan(0);
    expect(await nodeA.count("rate_limit_counters")).toBe(0);
  });
});
