import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cookieHeader,
  createTestApp,
  createTestDatabase,
  TEST_ORIGIN,
  type TestApp,
} from "../../test/harness.js";
import { totpCode } from "../../test/totp.js";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { systemClock } from "../platform/clock.js";
import { connectDatabase } from "../platform/db/database.js";
import { createMailer } from "../platform/email/mailer.js";
import type { Jobs } from "../platform/jobs/jobs.js";
import {
  AUTOMATIC_DEMO_READERS,
  DEMO_ACCOUNTS,
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_PASSWORD,
  seedDemoData,
} from "./demo-data.js";
import { HISTORY_DAYS } from "./demo-history-plan.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET = "test-secret-that-is-long-enough-0123456789";
const UNUSED_JOBS: Jobs = {
  register() {},
  send: async () => {},
  start: async () => {},
  stop: async () => {},
  queueDepths: async () => [],
};

/**
 * Seeds a fresh database as `npm start` does (the app built, its timers not started), twice at once
 * as two nodes starting together would, and once more after; then opens the app on it.
 */
async function seededApp(activity: boolean, filesDir: string) {
  const { url } = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: url,
    PAYMENT_PROVIDER: "sandbox",
    AUTH_SECRET: SECRET,
    SERVE_WEB: "false",
    PUBLIC_URL: TEST_ORIGIN,
    FILES_DIR: filesDir,
  });
  const database = connectDatabase(url);
  const logger = pino({ level: "silent" });
  const deps = {
    config,
    database,
    jobs: UNUSED_JOBS,
    mailer: createMailer({ smtpUrl: undefined, from: config.MAIL_FROM, logger }),
    clock: systemClock,
    logger,
    authSecret: SECRET,
  };
  const built = await buildApp(deps);
  const seed = () =>
    seedDemoData({ ...deps, system: built.services.system, users: built.services.users, activity });
  try {
    const finished: string[] = [];
    const runs = await Promise.all(
      [1, 2].map(async () => {
        const result = await seed();
        // The node that did not seed returns only once the seed has finished.
        if (!result)
          finished.push(`seed finished: ${await built.services.system.hasMarker("demo_seeded_at")}`);
        return result;
      }),
    );
    const seeded = runs.find((run) => run !== null) ?? null;
    const again = await seed();
    const t = await createTestApp({ FILES_DIR: filesDir }, { databaseUrl: url });
    return { t, seeded, runs, finished, again };
  } finally {
    await built.app.close();
    await database.close();
  }
}

describe("demo data with activity", () => {
  let filesDir: string;
  let t: TestApp;
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;
  let again: Awaited<ReturnType<typeof seedDemoData>>;
  let runs: Awaited<ReturnType<typeof seedDemoData>>[];
  let finished: string[];
  const get = async (url: string, cookie?: string) => {
    const response = await t.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(os.tmpdir(), "soulseer-demo-files-"));
    ({ t, seeded, again, runs, finished } = await seededApp(true, filesDir));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  it("seeds once: every account, a few dozen readings and their reviews, tips and top-ups", () => {
    // Two nodes starting together: one seeds, the other waits until it has finished.
    expect(runs.filter((run) => run === null)).toHaveLength(1);
    expect(finished).toEqual(["seed finished: true"]);
    expect(seeded?.accounts).toBe(DEMO_ACCOUNTS.length);
    expect(seeded?.history?.readings).toBeGreaterThanOrEqual(24);
    expect(seeded?.history?.reviews).toBeGreaterThanOrEqual(12);
    expect(seeded?.history?.tips).toBeGreaterThan(0);
    expect(seeded?.history?.replies).toBeGreaterThan(0);
    expect(again).toBeNull();
  });

  it("leaves balanced books (ledger:verify) and no reading open", async () => {
    const ledger = await t.services.ledger.verify();
    expect(ledger.violations).toEqual([]);
    expect(await t.services.payments.verify()).toEqual([]);
    const open = await t.database.pool.query(
      "select count(*)::int as count from reading_sessions where state <> 'finalized'",
    );
    expect(open.rows[0].count).toBe(0);
  });

  it("gives every reader a portrait, and ratings that are their reviews' average", async () => {
    for (const account of DEMO_ACCOUNTS.filter((entry) => entry.reader)) {
      const { items } = await get(`/api/v1/readers?q=${encodeURIComponent(account.displayName)}`);
      const summary = items.find((item: { displayName: string }) => item.displayName === account.displayName);
      const { reader } = await get(`/api/v1/readers/${summary.slug}`);
      expect(reader.photoUrl).toMatch(/^\/api\/v1\/reader-photos\//);
      const photo = await t.app.inject({ method: "GET", url: reader.photoUrl });
      expect(photo.statusCode).toBe(302);
      const image = await t.app.inject({ method: "GET", url: String(photo.headers.location) });
      const metadata = await sharp(image.rawPayload).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(["webp", 512, 512]);

      const reviews = await get(`/api/v1/readers/${reader.slug}/reviews?limit=50`);
      expect(reviews.nextCursor).toBeNull();
      const stars: number[] = reviews.items.map((review: { stars: number }) => review.stars);
      expect(reader.ratingCount).toBe(stars.length);
      const average = stars.length
        ? stars.reduce((sum: number, value: number) => sum + value, 0) / stars.length
        : 0;
      // Stored rounded to two decimals.
      expect(Math.abs(reader.ratingAverage - average)).toBeLessThanOrEqual(0.005);
      expect(reader.automaticDemo).toBe(account.reader?.automaticDemo === true);
      if (account.reader?.automaticDemo) continue;
      expect(stars.length, `${account.email} has reviews`).toBeGreaterThan(0);
    }
  });

  it("marks the two automatic demo readers, chat only, at the pages the demo client looks for", async () => {
    expect(AUTOMATIC_DEMO_READERS).toHaveLength(2);
    for (const account of AUTOMATIC_DEMO_READERS) {
      const { reader } = await get(`/api/v1/readers/${account.slug}`);
      expect(reader.automaticDemo).toBe(true);
      expect(reader.rates.voice).toBeNull();
      expect(reader.rates.video).toBeNull();
      expect(reader.status).toBe("offline");
    }
  });

  it("lets the demo admin in with the password and a code of the published authenticator key", async () => {
    const post = (url: string, payload: Record<string, unknown>, cookie = "") =>
      t.app.inject({ method: "POST", url, headers: { origin: TEST_ORIGIN, cookie }, payload });
    const first = await post("/api/v1/auth/sign-in", {
      email: "admin@soulseer.test",
      password: DEMO_PASSWORD,
    });
    expect(first.statusCode).toBe(202);
    expect(first.json().step).toBe("TWO_FACTOR_REQUIRED");
    const verified = await post(
      "/api/v1/auth/two-factor/verify-totp",
      { code: totpCode(DEMO_ADMIN_TOTP_SECRET) },
      cookieHeader(first.headers["set-cookie"]),
    );
    expect(verified.statusCode).toBe(200);
    const admin = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/users",
      headers: { cookie: cookieHeader(verified.headers["set-cookie"]) },
    });
    expect(admin.statusCode).toBe(200);
  });

  it("gives each demo client weeks of wallet history: top-ups, readings, tips, and money left to spend", async () => {
    const seenCodes = new Set<string>();
    for (const email of ["maya@soulseer.test", "jordan@soulseer.test", "ivy@soulseer.test"]) {
      const cookie = await t.signIn(email, DEMO_PASSWORD);
      const wallet = await get("/api/v1/wallet", cookie);
      expect(wallet.balanceCents).toBeGreaterThanOrEqual(2_000);
      const history = await get("/api/v1/wallet/transactions?limit=100", cookie);
      for (const item of history.items) seenCodes.add(item.code);
      const times = history.items.map((item: { createdAt: string }) => new Date(item.createdAt).getTime());
      expect(Math.max(...times)).toBeLessThan(Date.now());
      const readings = await get("/api/v1/readings?limit=100", cookie);
      expect(readings.items.length).toBeGreaterThanOrEqual(5);
      const oldest = Math.min(
        ...readings.items.map((item: { createdAt: string }) => new Date(item.createdAt).getTime()),
      );
      expect(oldest).toBeLessThan(Date.now() - (HISTORY_DAYS - 12) * DAY_MS);
      for (const reading of readings.items) {
        expect(reading.state).toBe("finalized");
        expect(reading.chargedCents).toBeGreaterThan(0);
      }
      const chat = readings.items.find((item: { modality: string }) => item.modality === "chat");
      const transcript = await get(`/api/v1/readings/${chat.id}/messages`, cookie);
      expect(transcript.items.length).toBeGreaterThanOrEqual(2);
    }
    expect([...seenCodes].sort()).toEqual(expect.arrayContaining(["session_charge", "tip", "top_up"]));
  });
});

describe("demo data without activity", () => {
  it("seeds the bare accounts: no history, no portraits, no automatic readers", async () => {
    const filesDir = await mkdtemp(path.join(os.tmpdir(), "soulseer-demo-files-"));
    const { t, seeded } = await seededApp(false, filesDir);
    try {
      expect(seeded?.history).toBeNull();
      expect(seeded?.accounts).toBe(DEMO_ACCOUNTS.length - AUTOMATIC_DEMO_READERS.length);
      expect(await t.count("reading_sessions")).toBe(0);
      expect(await t.count("ledger_transfers")).toBe(0);
      const profiles = await t.database.pool.query(
        "select count(*) filter (where photo_key is not null)::int as photos, count(*) filter (where automatic_demo)::int as automatic from reader_profiles",
      );
      expect(profiles.rows[0]).toEqual({ photos: 0, automatic: 0 });
    } finally {
      await t.close();
      await rm(filesDir, { recursive: true, force: true });
    }
  }, 120_000);
});
