import { randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { inject } from "vitest";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { ReadersService } from "../src/modules/readers/readers.service.js";
import type { UserRole } from "../src/modules/users/users.schemas.js";
import { connectDatabase } from "../src/platform/db/database.js";
import { createMailer } from "../src/platform/email/mailer.js";
import { createJobs } from "../src/platform/jobs/jobs.js";
import { withDatabase } from "./global-setup.js";
import { createTestClock } from "./test-clock.js";
import { newTotpSecret, totpCode } from "./totp.js";

export { createTestClock } from "./test-clock.js";

export const TEST_ORIGIN = "http://localhost:3000";
export const TEST_PASSWORD = "correct-horse-battery";

/** A fresh copy of the migrated template database for one test file. */
export async function createTestDatabase() {
  const adminUrl = inject("databaseAdminUrl");
  const name = `soulseer_test_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject("templateDatabase")}`);
  } finally {
    await admin.end();
  }
  return { url: withDatabase(adminUrl, name), name };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type ReaderProfileInput = Parameters<ReadersService["createProfileForReader"]>[1];

/** The real application on a real database copy, driven through `app.inject`. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: {
    databaseUrl?: string;
    /** Collects the app's warnings and errors (one JSON line each) instead of discarding them. */
    logs?: string[];
    /** The lowest level `logs` collects (default warn). */
    logLevel?: "info" | "warn";
  } = {},
) {
  // A second app on an existing database stands in for a second node of one deployment.
  const url = options.databaseUrl ?? (await createTestDatabase()).url;
  const secret = "test-secret-that-is-long-enough-0123456789";
  const config = loadConfig({
    DATABASE_URL: url,
    AUTH_SECRET: secret,
    SERVE_WEB: "false",
    PUBLIC_URL: TEST_ORIGIN,
    // Tests read their own writes at once; the browse cache has its own test.
    BROWSE_CACHE_MS: "0",
    // With DATABASE_URL the default is Stripe; tests top up wallets through the sandbox.
    PAYMENT_PROVIDER: "sandbox",
    // A test machine's pauses are not load to shed; the shedding test turns it on.
    CHAT_SHED_LAG_MS: "0",
    ...env,
  });
  const logs = options.logs;
  const logger = logs
    ? pino({ level: options.logLevel ?? "warn" }, { write: (line: string) => void logs.push(line) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const database = connectDatabase(url, { maxConnections: 20 });
  const jobs = createJobs({ connectionString: url, logger });
  const clock = createTestClock();
  const built = await buildApp({
    config,
    database,
    jobs,
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
    clock,
    logger,
    authSecret: secret,
  });
  await built.app.ready();
  await jobs.start();
  await built.start();
  let emailCounter = 0;
  /** TOTP secrets of the users created with two-factor sign-in on, by email. */
  const totpSecrets = new Map<string, string>();
  let ipCounter = 0;
  // Each helper sign-in comes from its own address so tests never trip the sign-in rate limit.
  const nextIp = () => {
    ipCounter += 1;
    return `192.0.2.${ipCounter % 250}`;
  };

  const harness = {
    ...built,
    config,
    database,
    clock,
    url,
    /**
     * A verified user of the given role, created through the accounts service. Admins have
     * two-factor sign-in on (as the admin pages require) unless `twoFactor` is false; `signIn`
     * then answers the code step itself.
     */
    async createUser(
      role: UserRole,
      overrides: { email?: string; password?: string; twoFactor?: boolean } = {},
    ) {
      emailCounter += 1;
      const email = overrides.email ?? `${role}-${emailCounter}-${randomUUID().slice(0, 6)}@example.test`;
      const withTwoFactor = overrides.twoFactor ?? role === "admin";
      const secret = withTwoFactor ? newTotpSecret() : null;
      const user = await built.services.auth.createVerifiedUser({
        email,
        password: overrides.password ?? TEST_PASSWORD,
        displayName: `Test ${role} ${emailCounter}`,
        role,
        dateOfBirth: "1990-06-15",
        ...(secret ? { twoFactor: { secret, backupCodes: [] } } : {}),
      });
      if (secret) totpSecrets.set(email.toLowerCase(), secret);
      return user;
    },
    /** The base32 TOTP secret of a user created with two-factor sign-in on. */
    totpSecretOf(email: string) {
      const secret = totpSecrets.get(email.toLowerCase());
      if (!secret) throw new Error(`${email} was not created with two-factor sign-in`);
      return secret;
    },
    /** A reader with a listed profile; the defaults suit most tests, `profile` overrides them. */
    async createReader(profile: Partial<ReaderProfileInput> = {}) {
      const user = await harness.createUser("reader");
      const reader = await built.services.readers.createProfileForReader(user.id, {
        displayName: `Reader ${user.id.slice(0, 6)}`,
        headline: "Clear and kind readings",
        bio: "A long enough biography for a reader that describes their practice in some detail.",
        specialties: ["tarot"],
        tools: [],
        languages: ["en"],
        yearsOfExperience: 3,
        timeZone: "UTC",
        rates: { chat: 199 },
        ...profile,
      });
      return { user, reader };
    },
    /** Signs in through the API and returns the Cookie header value of the session. */
    async signIn(email: string, password = TEST_PASSWORD, ip = nextIp()) {
      const response = await built.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        headers: { origin: TEST_ORIGIN },
        remoteAddress: ip,
        payload: { email, password },
      });
      if (response.statusCode === 202) {
        // Two-factor sign-in: answer the code step with the user's TOTP secret.
        const secret = totpSecrets.get(email.toLowerCase());
        if (!secret) throw new Error(`sign-in of ${email} asks for a code, and its secret is unknown`);
        const verified = await built.app.inject({
          method: "POST",
          url: "/api/v1/auth/two-factor/verify-totp",
          headers: { origin: TEST_ORIGIN, cookie: cookieHeader(response.headers["set-cookie"]) },
          remoteAddress: ip,
          payload: { code: totpCode(secret) },
        });
        if (verified.statusCode !== 200)
          throw new Error(`two-factor step failed: ${verified.statusCode} ${verified.body}`);
        return cookieHeader(verified.headers["set-cookie"]);
      }
      if (response.statusCode !== 200)
        throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      return cookieHeader(response.headers["set-cookie"]);
    },
    /** A signed-in user of the role, with its cookie. */
    async signedIn(role: UserRole) {
      const user = await harness.createUser(role);
      return { user, cookie: await harness.signIn(user.email) };
    },
    /** The newest email sent to an address, from the outbox table. */
    async latestEmail(to: string, kind?: string) {
      const result = await database.pool.query<{ text_body: string; subject: string; kind: string }>(
        `select text_body, subject, kind from email_outbox where to_address = $1 ${kind ? "and kind = $2" : ""}
         order by created_at desc limit 1`,
        kind ? [to, kind] : [to],
      );
      return result.rows[0] ?? null;
    },
    async count(table: string) {
      const result = await database.pool.query<{ count: number }>(
        `select count(*)::int as count from ${table}`,
      );
      return result.rows[0]?.count ?? 0;
    },
    /** Set by a test that corrupts its own database on purpose. */
    skipLedgerVerifyOnClose: false,
    async close() {
      // Every test file's books must balance when it ends (ledger:verify over its database).
      const violations = harness.skipLedgerVerifyOnClose
        ? []
        : [...(await built.services.ledger.verify()).violations, ...(await built.services.payments.verify())];
      await built.app.close();
      await jobs.stop();
      await database.close();
      if (violations.length > 0) throw new Error(`ledger:verify failed: ${JSON.stringify(violations)}`);
    },
  };
  return harness;
}

/** Joins Set-Cookie headers into one Cookie header value (name=value pairs only). */
export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return list.map((cookie) => cookie.split(";")[0]).join("; ");
}

/** Extracts the token from a link in an email body. */
export function tokenFromEmail(body: string): string {
  const match = /[?&]token=([^\s&]+)/.exec(body);
  if (!match?.[1]) throw new Error(`no token in email: ${body}`);
  return decodeURIComponent(match[1]);
}
