import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, publicClientConfig } from "./config.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("config", () => {
  it("starts with no variables at all (embedded defaults)", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.publicUrl.origin).toBe("http://localhost:3000");
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.auth0).toBeNull();
    expect(config.SEED_DEMO_DATA).toBe(true);
  });

  it("reads TRUST_PROXY as none, a hop count, or proxy addresses; never trust-everyone", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback" }).trustProxy).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    for (const bad of ["true", "10.0.0.0/33", "proxy.example", "99", "10.0.0.1/8/1"]) {
      expect(problemsOf({ TRUST_PROXY: bad }).join()).toContain("TRUST_PROXY");
    }
  });

  it("converts strings to numbers and booleans", () => {
    const config = loadConfig({ PORT: "8080", SEED_DEMO_DATA: "false", ADMIN_IDLE_TIMEOUT_MINUTES: "10" });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_DEMO_DATA).toBe(false);
    expect(config.ADMIN_IDLE_TIMEOUT_MINUTES).toBe(10);
    expect(config.publicUrl.origin).toBe("http://localhost:8080");
  });

  it("lists every problem at once, naming the variable and the bad value", () => {
    const problems = problemsOf({
      PORT: "99999",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://nope",
      PUBLIC_URL: "localhost:3000/path",
      SMTP_URL: "http://mail",
    });
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const name of ["PORT", "LOG_LEVEL", "DATABASE_URL", "PUBLIC_URL", "SMTP_URL"]) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
    expect(problems.find((problem) => problem.startsWith("PORT"))).toContain("99999");
  });

  it("requires AUTH_SECRET with an external database, and a long one", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://u:p@db/soulseer", PAYMENT_PROVIDER: "sandbox" })).toEqual([
      expect.stringContaining("AUTH_SECRET: required when DATABASE_URL is set"),
    ]);
    expect(problemsOf({ AUTH_SECRET: "short" })[0]).toMatch(/^AUTH_SECRET/);
  });

  it("seeds demo data by default only on the embedded database", () => {
    const deployed = { DATABASE_URL: "postgres://u:p@db/soulseer", AUTH_SECRET: "s".repeat(40) };
    const stripe = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
    expect(loadConfig({}).SEED_DEMO_DATA).toBe(true);
    expect(loadConfig({ ...deployed, ...stripe }).SEED_DEMO_DATA).toBe(false);
    expect(loadConfig({ ...deployed, ...stripe, SEED_DEMO_DATA: "true" }).SEED_DEMO_DATA).toBe(true);
    expect(loadConfig({ SEED_DEMO_DATA: "false" }).SEED_DEMO_DATA).toBe(false);
  });

  it("takes payments through Stripe in a deployment and the sandbox only on the embedded database or when named", () => {
    const deployed = { DATABASE_URL: "postgres://u:p@db/soulseer", AUTH_SECRET: "s".repeat(40) };
    const stripe = { STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
    expect(loadConfig({}).PAYMENT_PROVIDER).toBe("sandbox");
    expect(publicClientConfig(loadConfig({}), 12).paymentProvider).toBe("sandbox");
    expect(loadConfig({ ...deployed, ...stripe }).PAYMENT_PROVIDER).toBe("stripe");
    expect(publicClientConfig(loadConfig({ ...deployed, ...stripe }), 12).paymentProvider).toBe("stripe");
    expect(loadConfig(stripe).PAYMENT_PROVIDER).toBe("stripe");
    expect(loadConfig({ ...deployed, PAYMENT_PROVIDER: "sandbox" }).PAYMENT_PROVIDER).toBe("sandbox");
    // A deployment without Stripe keys is a configuration problem, not a silent sandbox.
    expect(problemsOf(deployed)).toEqual([
      expect.stringMatching(
        /^STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: required because DATABASE_URL is set/,
      ),
    ]);
    expect(problemsOf({ PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: "sk_test_x" })).toEqual([
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: required because PAYMENT_PROVIDER is stripe/),
    ]);
    expect(problemsOf({ ...stripe, PAYMENT_PROVIDER: "sandbox" })).toEqual([
      expect.stringMatching(
        /^STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: set, but PAYMENT_PROVIDER is sandbox/,
      ),
    ]);
    expect(problemsOf({ PAYMENT_PROVIDER: "paypal" })[0]).toMatch(/^PAYMENT_PROVIDER/);
  });

  it("needs all three Auth0 settings together", () => {
    expect(problemsOf({ AUTH0_DOMAIN: "tenant.eu.auth0.com" })).toEqual([
      expect.stringContaining("AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET: required when AUTH0_DOMAIN is set"),
    ]);
    const config = loadConfig({
      AUTH0_DOMAIN: "tenant.eu.auth0.com",
      AUTH0_CLIENT_ID: "id",
      AUTH0_CLIENT_SECRET: "secret",
      AUTH0_AUDIENCE: "https://api.soulseer.test",
    });
    expect(config.auth0).toEqual({
      issuerUrl: "https://tenant.eu.auth0.com",
      clientId: "id",
      clientSecret: "secret",
      audience: "https://api.soulseer.test",
    });
  });

  it("turns a ConfigError into a readable message", () => {
    const error = new ConfigError(['PORT: must be <= 65535 (got "70000")']);
    expect(error.message).toBe('Invalid configuration:\n  - PORT: must be <= 65535 (got "70000")');
  });
});

describe("WebRTC ICE servers", () => {
  it("are none by default, parsed when given, and refused when malformed", () => {
    expect(loadConfig({}).iceServers).toEqual([]);
    const servers = [
      { urls: ["stun:stun.example.com:3478"] },
      { urls: "turn:t.example.com", username: "u", credential: "c" },
    ];
    expect(loadConfig({ WEBRTC_ICE_SERVERS: JSON.stringify(servers) }).iceServers).toEqual(servers);
    for (const bad of [
      "not json",
      "{}",
      '[{"urls":"http://x"}]',
      '[{"urls":[]}]',
      '[{"urls":"stun:x","username":5}]',
    ]) {
      expect(problemsOf({ WEBRTC_ICE_SERVERS: bad }).join()).toContain("WEBRTC_ICE_SERVERS");
    }
  });
});
