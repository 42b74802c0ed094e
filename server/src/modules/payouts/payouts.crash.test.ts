import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeStripeConnect, startFakeStripeConnect } from "../../../test/fake-stripe-connect.js";
import { freePort } from "../../../test/free-port.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { sleep } from "../../../test/live-client.js";
import { earn, stripePayoutsEnv, stripeReader } from "../../../test/payouts-kit.js";

// The real app as a process (as `npm start` runs it) pays readers through a fake Stripe and is
// killed with SIGKILL between the steps of a payout: after the ledger entry is made and before
// the transfer, after the transfer and before it is recorded, and after it is recorded. Started
// again, it resumes the day's run: every reader is paid exactly once, and the books balance
// (harness.close runs ledger:verify).
const READERS = 12;
const TIP_CENTS = 3_000;

let stripe: FakeStripeConnect;
let child: ChildProcess | null = null;
let output = "";

beforeAll(async () => {
  stripe = await startFakeStripeConnect();
});
afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});
afterAll(async () => {
  await stripe.close();
});

async function startNode(t: TestApp) {
  const port = await freePort();
  output = "";
  const started = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    env: {
      ...process.env,
      ...stripePayoutsEnv(stripe.url),
      DATABASE_URL: t.url,
      AUTH_SECRET: "test-secret-that-is-long-enough-0123456789",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SERVE_WEB: "false",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      // Due at once: the node resumes today's run as it starts.
      PAYOUT_HOUR_UTC: "0",
      PAYOUT_CONCURRENCY: "4",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  started.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  child = started;
  return started;
}

const killed = (process: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (process.exitCode !== null || process.signalCode !== null) resolve();
    else process.once("exit", () => resolve());
  });

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}:\n${output}`);
}

async function seed(t: TestApp) {
  const readers: { userId: string; accountId: string; shareCents: number }[] = [];
  for (let index = 0; index < READERS; index += 1) {
    const { user, accountId } = await stripeReader(t);
    readers.push({ userId: user.id, accountId, shareCents: await earn(t, user.id, TIP_CENTS + index) });
  }
  // This test's own app may have finished an (empty) run for today as it started: the node
  // under test must find today's run unfinished.
  await t.database.pool.query("delete from payout_runs");
  return readers;
}

async function expectPaidExactlyOnce(t: TestApp, readers: Awaited<ReturnType<typeof seed>>) {
  for (const reader of readers) {
    const made = stripe.transfers.filter((transfer) => transfer.destination === reader.accountId);
    expect(made, reader.userId).toHaveLength(1);
    expect(made[0]?.amount).toBe(reader.shareCents);
    expect(await t.services.ledger.balance(reader.userId, "earnings")).toBe(0);
  }
  const rows = await t.database.pool.query<{ status: string; n: number }>(
    "select status, count(*)::int as n from payouts group by status",
  );
  expect(rows.rows).toEqual([{ status: "paid", n: READERS }]);
  expect(await t.services.ledger.houseBalance("payouts_in_transit")).toBe(0);
  expect(await t.services.ledger.houseBalance("paid_out")).toBe(
    readers.reduce((sum, reader) => sum + reader.shareCents, 0),
  );
}

/** Starts the node again and waits until it has finished today's run. */
async function restartAndFinish(t: TestApp) {
  stripe.onTransfer(null);
  await startNode(t);
  await waitFor("the resumed run to finish", async () => {
    const result = await t.database.pool.query("select 1 from payout_runs");
    return (result.rowCount ?? 0) > 0;
  });
}

describe("a payout run killed between its steps", () => {
  for (const [step, phase] of [
    ["after the ledger entry, before the transfer", "received"],
    ["after the transfer, before it is recorded", "made"],
  ] as const) {
    it(`pays every reader exactly once when killed ${step}`, async () => {
      const t = await createTestApp(stripePayoutsEnv(stripe.url));
      try {
        const readers = await seed(t);
        let seen = 0;
        let node: ChildProcess | null = null;
        stripe.onTransfer(async (at) => {
          if (at !== phase) return;
          seen += 1;
          if (seen === 5) {
            node?.kill("SIGKILL");
            // The killed node never gets an answer.
            await new Promise(() => {});
          }
        });
        node = await startNode(t);
        await Promise.race([
          killed(node),
          sleep(60_000).then(() => Promise.reject(new Error(`not killed:\n${output}`))),
        ]);
        expect(node.signalCode, output).toBe("SIGKILL");
        const inTransit = await t.database.pool.query("select 1 from payouts where status = 'in_transit'");
        expect(inTransit.rowCount).toBeGreaterThan(0);
        await restartAndFinish(t);
        await expectPaidExactlyOnce(t, readers);
      } finally {
        child?.kill("SIGKILL");
        await t.close();
      }
    }, 120_000);
  }

  it("pays every reader exactly once when killed after payouts were recorded", async () => {
    const t = await createTestApp(stripePayoutsEnv(stripe.url));
    try {
      const readers = await seed(t);
      // Slow transfers so the kill lands while the run is still going.
      stripe.onTransfer(async (at) => {
        if (at === "made") await sleep(20);
      });
      const node = await startNode(t);
      await waitFor("the first recorded payout", async () => {
        const result = await t.database.pool.query("select 1 from payouts where status = 'paid'");
        return (result.rowCount ?? 0) > 0;
      });
      node.kill("SIGKILL");
      await killed(node);
      await restartAndFinish(t);
      await expectPaidExactlyOnce(t, readers);
    } finally {
      child?.kill("SIGKILL");
      await t.close();
    }
  }, 120_000);
});
