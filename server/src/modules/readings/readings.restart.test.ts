import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/free-port.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { openLive, sleep } from "../../../test/live-client.js";
import { READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";
import { amountForBilledMs } from "./readings.meter.js";

// The real app as a process (as `npm start` runs it) on the test database, with one-second
// billing units, killed with SIGKILL in the middle of a reading and started again.
const UNIT_MS = 1000;
const HEARTBEAT_MS = 250;
const RATE = 120;

let t: TestApp;
let port: number;
let origin: string;
let child: ChildProcess | null = null;
let output = "";

beforeAll(async () => {
  t = await createTestApp(READING_TEST_ENV);
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await t.close();
});

async function startNode() {
  output = "";
  const started = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      PAYMENT_PROVIDER: "sandbox",
      AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      SERVE_WEB: "false",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      SESSION_BILLING_UNIT_MS: String(UNIT_MS),
      NODE_HEARTBEAT_MS: String(HEARTBEAT_MS),
      SESSION_BILLER_INTERVAL_MS: "100",
      SESSION_GRACE_MS: "60000",
      PRESENCE_OFFLINE_DELAY_MS: "60000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  started.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (started.exitCode !== null) throw new Error(`the app exited:\n${output}`);
    const ready = await fetch(`${origin}/ready`).catch(() => null);
    if (ready?.ok) {
      child = started;
      return;
    }
    await sleep(100);
  }
  started.kill("SIGKILL");
  throw new Error(`the app was not ready in 60 s:\n${output}`);
}

async function call(method: string, path: string, cookie: string, body?: object) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { origin, cookie, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as { reading: { id: string } } };
}

async function signIn(email: string) {
  const response = await fetch(`${origin}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct-horse-battery" }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

async function row(readingId: string) {
  const result = await t.database.pool.query(
    `select state, billed_ms::int as billed_ms, charged_cents::int as charged_cents from reading_sessions where id = $1`,
    [readingId],
  );
  return result.rows[0] as { state: string; billed_ms: number; charged_cents: number };
}

async function joinRoom(cookie: string, readingId: string) {
  const live = await openLive(origin, { cookie, origin });
  expect(await live.subscribe([`reading:${readingId}`])).toMatchObject({ topics: [`reading:${readingId}`] });
  return live;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error("condition not met in time");
}

describe("a node killed in the middle of a reading", () => {
  it("charges no minute twice and nothing for the time it was down; the reading resumes", async () => {
    const kit = readingKit(t, "");
    const { user: readerUser } = await t.createReader({ rates: { chat: RATE } });
    const clientUser = await t.createUser("client");
    await kit.fund(clientUser.id, 5000);

    await startNode();
    const readerCookie = await signIn(readerUser.email);
    const clientCookie = await signIn(clientUser.email);
    expect((await call("PUT", "/api/v1/readers/me/status", readerCookie, { status: "online" })).status).toBe(
      200,
    );
    const requested = await call("POST", "/api/v1/readings", clientCookie, {
      readerUserId: readerUser.id,
      modality: "chat",
      expectedRatePerUnitCents: RATE,
    });
    expect(requested.status).toBe(201);
    const readingId = requested.json.reading.id as string;
    expect((await call("POST", `/api/v1/readings/${readingId}/accept`, readerCookie)).status).toBe(200);
    await joinRoom(clientCookie, readingId);
    await joinRoom(readerCookie, readingId);
    await until(async () => (await row(readingId)).state === "active");
    const activeAt = Date.now();
    await sleep(2_600);

    child?.kill("SIGKILL");
    const killedAt = Date.now();
    await new Promise((resolve) => child?.once("exit", resolve));
    const atKill = await row(readingId);
    await sleep(3_000); // down: nobody bills, nobody is connected
    expect(await row(readingId)).toEqual(atKill);

    await startNode();
    const restartedAt = Date.now();
    await joinRoom(clientCookie, readingId);
    await joinRoom(readerCookie, readingId);
    await until(async () => (await row(readingId)).state === "active");
    const resumedAt = Date.now();
    await sleep(1_500);
    const ended = await call("POST", `/api/v1/readings/${readingId}/end`, clientCookie);
    const endedAt = Date.now();
    expect(ended.status).toBe(200);
    const final = await row(readingId);

    // Billed: at most the connected time before the kill plus after the resume; never the downtime.
    const connectedMs = killedAt - activeAt + (endedAt - resumedAt);
    expect(final.billed_ms).toBeLessThanOrEqual(connectedMs + 300);
    expect(final.billed_ms).toBeGreaterThan(connectedMs - 2 * HEARTBEAT_MS - 1_500);
    expect(final.billed_ms).toBeLessThan(endedAt - activeAt - (restartedAt - killedAt) + 300);
    expect(final.charged_cents).toBe(
      amountForBilledMs({ ratePerUnitCents: RATE, unitMs: UNIT_MS }, final.billed_ms),
    );
    // Each unit charged once: one capture per unit, no key twice.
    const keys = await t.database.pool.query<{ key: string }>(
      `select idempotency_key as key from ledger_transfers where code = 'session_charge' and idempotency_key like $1`,
      [`session:${readingId}:%`],
    );
    const units = keys.rows.map((entry) => Number(entry.key.split(":")[3]));
    expect(new Set(units).size).toBe(units.length);
    expect(units.length).toBe(Math.floor(final.billed_ms / UNIT_MS));
    const transitions = await t.database.pool.query<{ to_state: string; cause: string }>(
      "select to_state, cause from session_transitions where session_id = $1 order by id",
      [readingId],
    );
    expect(transitions.rows.map((entry) => `${entry.to_state}:${entry.cause}`)).toEqual(
      expect.arrayContaining(["reconnecting:dropped", "active:reconnected", "finalized:settled"]),
    );
  }, 120_000);
});
