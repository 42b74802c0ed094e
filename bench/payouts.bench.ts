import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { loadServer } from "./server.js";
import { freshDatabase, insertBenchUsers } from "./support.js";

const READERS = Math.max(100, Math.min(200_000, Number(process.env.BENCH_READERS ?? 50_000)));
const TARGET_PER_SECOND = 200;
const AUTH_SECRET = "bench-secret-that-is-long-enough-0123456789";
const SEED_BATCH = 5_000;
/** The longest the run may take before the bench gives up (bounded, whatever happens). */
const MAX_RUN_MS = 20 * 60_000;

type FakeMessage = { url?: string; added?: number; summary?: FakeSummary };
type FakeSummary = {
  transfers: number;
  accounts: number;
  paidTwice: string[];
  cents: number;
  requests: number;
};

/** Forks the fake Stripe Connect API (bench/fake-stripe-process.ts) and waits for its address. */
function startFakeStripe() {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "fake-stripe-process.ts");
  const child: ChildProcess = fork(script, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  let exited: Error | null = null;
  child.once("exit", (code) => {
    exited = new Error(`the fake Stripe exited (${code})`);
  });
  const next = () =>
    new Promise<FakeMessage>((resolve, reject) => {
      if (exited) reject(exited);
      child.once("message", (message) => resolve(message as FakeMessage));
    });
  return {
    ready: next(),
    async ask(message: object) {
      const answer = next();
      child.send(message);
      return answer;
    },
    stop: () => child.disconnect(),
  };
}

/**
 * The daily payout run at scale (issue 19): 50,000 readers with ready Stripe Connect accounts and
 * earnings of varied amounts ($15.00–$400.00, not a fixed list); the run pays them all through the
 * SDK against a fake Stripe in its own process, with the provider rate limiter off. Afterwards
 * every reader must have exactly one transfer of their whole earnings, every payout be paid, and
 * ledger:verify be clean. Prints payouts per second end to end (the run, from its first query to
 * its last settle and the readers' emails queued).
 */
export async function runPayoutsBench() {
  const { buildApp, loadConfig, systemClock, connectDatabase, createMailer, createJobs } = await loadServer();
  const database = await freshDatabase();
  const handle = connectDatabase(database.url, { maxConnections: 20 });
  const fake = startFakeStripe();
  const logged: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(line.slice(0, 300)) });
  try {
    const stripeUrl = (await fake.ready).url ?? "";
    const config = loadConfig({
      DATABASE_URL: database.url,
      PAYMENT_PROVIDER: "stripe",
      STRIPE_SECRET_KEY: "sk_test_bench_fake",
      STRIPE_WEBHOOK_SECRET: "whsec_bench_fake",
      STRIPE_API_BASE: stripeUrl,
      PAYOUT_RATE_PER_SECOND: "0",
      PAYOUT_PENDING_HOURS: "0",
      AUTH_SECRET,
      SERVE_WEB: "false",
      LOG_LEVEL: "warn",
    });
    const day = new Date().toISOString().slice(0, 10);
    const seedStarted = performance.now();
    const expected = await seed(handle, fake, day);
    console.log(
      `seeded ${READERS} readers with earnings in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );
    const jobs = createJobs({ connectionString: database.url, logger });
    const built = await buildApp({
      config,
      database: handle,
      jobs,
      mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
      clock: systemClock,
      logger,
      authSecret: AUTH_SECRET,
    });
    await jobs.start();
    await built.start();
    try {
      // The seed marked today's run finished so that starting the node did not begin it; the
      // bench starts it itself, timed.
      await handle.pool.query("delete from payout_runs");
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const report = await Promise.race([
        built.services.payouts.run.daily(day),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("the run took too long")), MAX_RUN_MS);
        }),
      ]).finally(() => clearTimeout(timer));
      const seconds = (performance.now() - started) / 1000;
      const perSecond = report.paid / seconds;
      console.log(
        `run: ${report.paid} paid, ${report.failed} failed, ${report.unfinished} unfinished in ${seconds.toFixed(1)} s: ${perSecond.toFixed(0)} payouts/s`,
      );
      const summary = (await fake.ask({ summary: true })).summary as FakeSummary;
      const rows = await handle.pool.query<{ status: string; n: number; cents: string }>(
        "select status, count(*)::int as n, sum(amount_cents)::text as cents from payouts group by status",
      );
      const verify = await built.services.ledger.verify();
      const exactlyOnce =
        summary.transfers === READERS &&
        summary.accounts === READERS &&
        summary.paidTwice.length === 0 &&
        summary.cents === expected &&
        rows.rows.length === 1 &&
        rows.rows[0]?.status === "paid" &&
        rows.rows[0]?.n === READERS &&
        Number(rows.rows[0]?.cents) === expected;
      console.log(
        `provider: ${summary.transfers} transfers to ${summary.accounts} accounts (${summary.paidTwice.length} paid twice), ${summary.requests} requests; payouts: ${JSON.stringify(rows.rows)}`,
      );
      console.log(`every reader paid exactly once, all their earnings: ${exactlyOnce ? "yes" : "NO"}`);
      console.log(
        `ledger:verify after the run: ${verify.violations.length === 0 ? "clean" : JSON.stringify(verify.violations.slice(0, 5))}`,
      );
      if (logged.length > 0) console.log(`the node logged ${logged.length} warnings; first: ${logged[0]}`);
      const result = {
        bench: "payouts",
        readers: READERS,
        seconds: Number(seconds.toFixed(2)),
        payoutsPerSecond: Math.round(perSecond),
        targetPerSecond: TARGET_PER_SECOND,
        exactlyOnce,
        verifyClean: verify.violations.length === 0,
        pass: exactlyOnce && verify.violations.length === 0 && perSecond >= TARGET_PER_SECOND,
      };
      console.log(JSON.stringify(result));
      return result;
    } finally {
      await built.app.close();
      await jobs.stop();
    }
  } finally {
    fake.stop();
    await handle.close();
    await database.stop();
  }
}

/**
 * Readers with ready Stripe accounts (known to the fake) and earnings credited by real ledger
 * transfers; answers the cents they hold in all. Today's run is marked finished (see above).
 */
async function seed(
  handle: {
    pool: import("pg").Pool;
    db: Parameters<Awaited<ReturnType<typeof loadServer>>["createLedgerService"]>[0]["db"];
  },
  fake: ReturnType<typeof startFakeStripe>,
  day: string,
) {
  const { createLedgerService, systemClock } = await loadServer();
  const { pool } = handle;
  let expected = 0;
  for (let from = 0; from < READERS; from += SEED_BATCH) {
    const ids = Array.from(
      { length: Math.min(SEED_BATCH, READERS - from) },
      (_, index) => `bench-payee-${from + index}`,
    );
    await insertBenchUsers(pool, ids, "reader");
    const accounts = ids.map((id) => `acct_bench${id.slice("bench-payee-".length).padStart(8, "0")}`);
    await pool.query(
      `insert into payout_accounts (reader_user_id, provider, provider_account_id, ready_at, created_at, updated_at)
       select id, 'stripe', account, now(), now(), now() from unnest($1::text[], $2::text[]) as t(id, account)`,
      [ids, accounts],
    );
    await fake.ask({ accounts });
  }
  const ledger = createLedgerService({ db: handle.db, clock: systemClock });
  for (let from = 0; from < READERS; from += SEED_BATCH) {
    const transfers = [];
    for (let index = from; index < Math.min(READERS, from + SEED_BATCH); index += 1) {
      // Varied amounts from $15.00 to $400.00, as readers' days differ.
      const amountCents = 1_500 + Math.floor(Math.random() * 38_500);
      expected += amountCents;
      transfers.push({
        idempotencyKey: `bench-earning:${index}`,
        code: "adjustment" as const,
        legs: [
          {
            from: { kind: "promotions" as const },
            to: { kind: "earnings" as const, userId: `bench-payee-${index}` },
            amountCents,
          },
        ],
      });
    }
    await ledger.transferMany(transfers);
  }
  await pool.query(
    "insert into payout_runs (day, paid, failed, paid_cents, finished_at) values ($1, 0, 0, 0, now())",
    [day],
  );
  return expected;
}
