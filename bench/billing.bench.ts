import { randomUUID } from "node:crypto";
import type pg from "pg";
import pino from "pino";
import type { LedgerService } from "../server/src/modules/ledger/ledger.service.js";
import type { ReadingsService } from "../server/src/modules/readings/readings.service.js";
import type { Database } from "../server/src/platform/db/database.js";
import { loadServer } from "./server.js";
import { freshDatabaseWithCommitTimestamps, insertBenchUsers, percentile } from "./support.js";

const MINUTE_MS = 60_000;
/** The billing unit the biller runs with: 60 000 is production (a shorter unit makes a quick ramp). */
const UNIT_MS = Number(process.env.BENCH_UNIT_MS ?? MINUTE_MS);
/**
 * Reading counts at a 60 s unit; each step runs `count × UNIT_MS / 60 000` readings (same charge
 * rate). By default from the 150,000 one node must bill up to 200,000; the largest that passes is reported.
 */
const STEPS = (process.env.BENCH_STEPS ?? "150000,175000,200000")
  .split(",")
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isSafeInteger(value) && value > 0)
  .slice(0, 20);
/** Unit boundaries measured per reading in each step. */
const UNITS = Math.min(10, Math.max(1, Number(process.env.BENCH_UNITS ?? 2)));
/** A step starts only if it should end within this budget (the first always runs). */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 25 * MINUTE_MS);
/** Rough time a step takes besides its measured units: seeding, measuring, database start and stop. */
const stepOverheadMs = (readings: number) => 20_000 + readings * 1.5;
const LAG_LIMIT_MS = 2_000;
const RATE_CENTS = 199;
const BILLER_INTERVAL_MS = 500;
const HEARTBEAT_MS = 1_000;
/** Transfers (or holds) per set-based ledger call while seeding. */
const SEED_CHUNK = 2_000;
/** After the last measured boundary, the biller keeps running at most this long to catch up. */
const CATCH_UP_MS = 20_000;
const DRAIN_BATCHES = 10;

interface StepResult {
  readings: number;
  readingsAt60sUnit: number;
  unitMs: number;
  captures: number;
  expected: number;
  missing: number;
  chargesPerSecond: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  exactlyOnce: boolean;
  verifyClean: boolean;
  passed: boolean;
}

/**
 * The per-minute biller under load: N active readings (simulated presence on this node, no
 * browsers), the real readings service with the real clock on one node, ramping N until the p99
 * of (capture commit time − unit boundary) passes 2 s or the time budget runs out.
 */
export async function runBillingBench() {
  const started = Date.now();
  console.log(
    `billing bench: unit ${UNIT_MS} ms, ${UNITS} boundaries per reading, steps (at a 60 s unit) ${STEPS.join(", ")}`,
  );
  const results: StepResult[] = [];
  for (const step of STEPS) {
    const readings = Math.max(1, Math.round((step * UNIT_MS) / MINUTE_MS));
    const expectedMs = stepOverheadMs(readings) + (UNITS + 1) * UNIT_MS;
    if (results.length > 0 && Date.now() - started + expectedMs > BUDGET_MS) {
      console.log(`step ${step} would pass the time budget of ${BUDGET_MS} ms; stopping the ramp`);
      break;
    }
    const result = await runStep(readings, step);
    results.push(result);
    console.log(
      `step ${step} (${readings} readings at ${UNIT_MS} ms): ${result.captures}/${result.expected} captured, ` +
        `${result.missing} missing, ${result.chargesPerSecond} charges/s, lag p50 ${result.lagP50Ms} ms ` +
        `p99 ${result.lagP99Ms} ms max ${result.lagMaxMs} ms, exactly once ${result.exactlyOnce}, ` +
        `verify ${result.verifyClean ? "clean" : "VIOLATIONS"} → ${result.passed ? "pass" : "FAIL"}`,
    );
    if (!result.passed) break;
  }
  const best = results.filter((result) => result.passed).at(-1);
  const shown = best ?? results[0];
  const line = {
    bench: "billing",
    readings: shown?.readingsAt60sUnit ?? 0,
    readingsRun: shown?.readings ?? 0,
    unitMs: UNIT_MS,
    chargesPerSecond: shown?.chargesPerSecond ?? 0,
    lagP50Ms: shown?.lagP50Ms ?? 0,
    lagP99Ms: shown?.lagP99Ms ?? 0,
    lagMaxMs: shown?.lagMaxMs ?? 0,
    exactlyOnce: shown?.exactlyOnce ?? false,
    verifyClean: shown?.verifyClean ?? false,
    passed: Boolean(best),
  };
  console.log(JSON.stringify(line));
  return line;
}

async function runStep(count: number, readingsAt60sUnit: number): Promise<StepResult> {
  const { connectDatabase, createLedgerService, createReadingsService, createEventBus, systemClock } =
    await loadServer();
  const database = await freshDatabaseWithCommitTimestamps();
  const handle = connectDatabase(database.url, { maxConnections: 12 });
  // Counts the biller's fallbacks from the set-based path to one reading at a time.
  let fallbacks = 0;
  const logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        if (line.includes("fell back")) fallbacks += 1;
        else if (/"level":(40|50|60)/.test(line)) console.error(line.trim());
      },
    },
  );
  const nodeId = `bench-${randomUUID()}`;
  try {
    const ledger = createLedgerService({ db: handle.db, clock: systemClock });
    const readings = createReadingsService({
      db: handle.db,
      ledger,
      readers: {
        startable: async () => null,
        onlineAmong: async () => new Set(),
        markBusy: async () => false,
        markFree: async () => {},
      },
      users: { displayNameOf: async () => null, lockStanding: async () => "active" as const },
      bus: createEventBus({ connectionString: database.url, db: handle.db, logger }),
      clock: systemClock,
      logger,
      nodeId,
      timings: {
        unitMs: UNIT_MS,
        graceMs: 5 * MINUTE_MS,
        ringMs: MINUTE_MS,
        joinTimeoutMs: 2 * MINUTE_MS,
        nodeStaleMs: 3 * HEARTBEAT_MS,
        fundsRetryMs: 5_000,
        readerShareBasisPoints: 7000,
      },
    });
    const setupStarted = Date.now();
    const seeded = await seed(handle.db, handle.pool, ledger, count);
    const seededAt = Date.now();
    const startAt = await openReadings(handle.pool, readings, seeded, nodeId);
    const seconds = (from: number) => ((Date.now() - from) / 1000).toFixed(1);
    console.log(
      `  ${count} readings funded and held in ${((seededAt - setupStarted) / 1000).toFixed(1)} s, active in ${seconds(seededAt)} s more`,
    );
    const lastBoundary = startAt + UNIT_MS * (UNITS + 1);
    const stoppedAt = await runBiller(handle.pool, readings, lastBoundary);
    console.log(`  biller batches that fell back to one reading at a time: ${fallbacks}`);
    await database.printStatements();
    return await measure(handle.pool, ledger, seeded, startAt, stoppedAt, readingsAt60sUnit);
  } finally {
    await handle.close();
    await database.stop();
  }
}

interface Seeded {
  clients: string[];
  readers: string[];
  readingIds: string[];
  holdIds: string[];
}

/**
 * N clients and N readers (set-based), wallets funded and each first unit held through the ledger's
 * set-based calls (`transferMany`, `holdMany`), a chunk per statement.
 */
async function seed(db: Database, pool: pg.Pool, ledger: LedgerService, count: number): Promise<Seeded> {
  const clients = Array.from({ length: count }, () => randomUUID());
  const readers = Array.from({ length: count }, () => randomUUID());
  for (const [ids, role] of [
    [clients, "client"],
    [readers, "reader"],
  ] as const) {
    await insertBenchUsers(pool, ids, role);
  }
  // Established clients and readers already have their (empty) accounts; no money moves here.
  for (const [ids, kind] of [
    [clients, "wallet"],
    [readers, "earnings"],
  ] as const) {
    await pool.query(
      `insert into ledger_accounts (kind, owner_user_id) select $2, id from unnest($1::text[]) as id`,
      [ids, kind],
    );
  }
  for (let from = 0; from < count; from += SEED_CHUNK) {
    await ledger.transferMany(
      clients.slice(from, from + SEED_CHUNK).map((client) => ({
        idempotencyKey: `bench-fund-${client}`,
        code: "adjustment" as const,
        legs: [
          {
            from: { kind: "promotions" as const },
            to: { kind: "wallet" as const, userId: client },
            amountCents: RATE_CENTS * 100,
          },
        ],
      })),
    );
  }
  const readingIds = Array.from({ length: count }, () => randomUUID());
  const holdKey = (index: number) => `session:${readingIds[index]}:unit:0`;
  const holdIds: string[] = new Array(count);
  for (let from = 0; from < count; from += SEED_CHUNK) {
    const indexes = Array.from({ length: Math.min(SEED_CHUNK, count - from) }, (_, offset) => from + offset);
    const holds = await db.transaction((tx) =>
      ledger.holdMany(
        indexes.map((index) => ({
          idempotencyKey: holdKey(index),
          userId: clients[index] ?? "",
          amountCents: RATE_CENTS,
          code: "session_charge" as const,
          references: { readingId: readingIds[index] ?? "" },
        })),
        tx,
      ),
    );
    for (const index of indexes) holdIds[index] = holds.get(holdKey(index)) ?? "";
  }
  return { clients, readers, readingIds, holdIds };
}

/**
 * The readings as the service leaves them after activation (active, unit 0 held, due at the first
 * boundary), their start times spread evenly over one unit, both participants connected here.
 */
async function openReadings(pool: pg.Pool, readings: ReadingsService, seeded: Seeded, nodeId: string) {
  const count = seeded.readingIds.length;
  const createdAt = new Date();
  const startAt = Date.now() + 2_000;
  const offsets = Array.from({ length: count }, (_, index) => Math.floor((index * UNIT_MS) / count));
  await pool.query(
    `insert into reading_sessions (id, client_user_id, reader_user_id, modality, rate_per_unit_cents, unit_ms,
       reader_share_basis_points, state, billed_ms, accrued_at, held_unit, hold_id, captured_units, due_at,
       created_at, accepted_at, started_at, state_changed_at)
     select s.id, s.client, s.reader, 'chat', $5, $6::int, 7000, 'active', 0, s.start, 0, s.hold, 0,
            s.start + make_interval(secs => $6::int / 1000.0), $7, $7, s.start, s.start
     from (select id, client, reader, hold, $8::timestamptz + make_interval(secs => offset_ms / 1000.0) as start
           from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $9::int[])
             as u(id, client, reader, hold, offset_ms)) s`,
    [
      seeded.readingIds,
      seeded.clients,
      seeded.readers,
      seeded.holdIds,
      RATE_CENTS,
      UNIT_MS,
      createdAt,
      new Date(startAt),
      offsets,
    ],
  );
  await pool.query(
    `insert into session_transitions (session_id, from_state, to_state, cause, at)
     select id, 'waiting', 'active', 'both_connected', $2 from unnest($1::uuid[]) as id`,
    [seeded.readingIds, new Date(startAt)],
  );
  await pool.query(
    `insert into session_connections (session_id, user_id, node_id, connections)
     select s.id, p.user_id, $2, 1 from reading_sessions s
     cross join lateral (values (s.client_user_id), (s.reader_user_id)) as p(user_id)
     where s.id = any($1::uuid[])`,
    [seeded.readingIds, nodeId],
  );
  await pool.query("analyze");
  await readings.heartbeat();
  return startAt;
}

/** This node's heartbeat and biller timers (as `startReadingTimers` runs them), until caught up. */
async function runBiller(pool: pg.Pool, readings: ReadingsService, lastBoundary: number) {
  let stopped = false;
  const loop = async (intervalMs: number, run: () => Promise<unknown>) => {
    while (!stopped) {
      const began = Date.now();
      await run();
      await sleep(Math.max(0, intervalMs - (Date.now() - began)));
    }
  };
  const heartbeat = loop(HEARTBEAT_MS, () => readings.heartbeat());
  let advanced = 0;
  let drainMs = 0;
  // At most DRAIN_BATCHES batches per run, so a stop is never more than a few seconds away.
  const biller = loop(BILLER_INTERVAL_MS, async () => {
    const began = performance.now();
    advanced += await readings.drainDue(DRAIN_BATCHES);
    drainMs += performance.now() - began;
  });
  const progress = setInterval(() => {
    void pool
      .query<{ captures: number }>(
        "select count(*)::int as captures from ledger_holds where status = 'captured'",
      )
      .then((result) => {
        const behind = Math.round((Date.now() - lastBoundary) / 1000);
        console.log(
          `    ${result.rows[0]?.captures ?? 0} units captured, ${advanced} advances in ${Math.round(drainMs)} ms of biller time (${behind} s from the last boundary)`,
        );
      });
  }, 10_000);
  try {
    await sleep(Math.max(0, lastBoundary - Date.now()));
    // Catch up: wait until every measured boundary is captured, bounded.
    for (let waited = 0; waited < CATCH_UP_MS; waited += 500) {
      const result = await pool.query<{ behind: number }>(
        `select count(*)::int as behind from reading_sessions where captured_units < $1`,
        [UNITS],
      );
      if ((result.rows[0]?.behind ?? 0) === 0) break;
      await sleep(500);
    }
  } finally {
    stopped = true;
    clearInterval(progress);
    await Promise.all([heartbeat, biller]);
  }
  return Date.now();
}

async function measure(
  pool: pg.Pool,
  ledger: LedgerService,
  seeded: Seeded,
  startAt: number,
  stoppedAt: number,
  readingsAt60sUnit: number,
): Promise<StepResult> {
  const count = seeded.readingIds.length;
  const indexOf = new Map(seeded.readingIds.map((id, index) => [id, index]));
  const captures = await pool.query<{ key: string; committed_ms: string }>(
    `select idempotency_key as key,
            (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::bigint::text as committed_ms
     from ledger_transfers where code = 'session_charge'`,
  );
  const lags: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const row of captures.rows) {
    // Idempotency keys keep their `session:` prefix (a deploy contract: see readings.ledger-effects.ts).
    const match = /^session:([0-9a-f-]+):unit:(\d+):capture$/.exec(row.key);
    const index = match ? indexOf.get(match[1] ?? "") : undefined;
    if (!match || index === undefined) continue;
    const unit = Number(match[2]);
    if (seen.has(`${index}:${unit}`)) duplicates += 1;
    seen.add(`${index}:${unit}`);
    lags.push(Number(row.committed_ms) - boundaryOf(startAt, index, count, unit));
  }
  // A boundary more than the limit before the stop that was never captured is late by at least that much.
  let missing = 0;
  let expected = 0;
  for (let index = 0; index < count; index += 1) {
    for (let unit = 0; boundaryOf(startAt, index, count, unit) <= stoppedAt - LAG_LIMIT_MS; unit += 1) {
      expected += 1;
      if (!seen.has(`${index}:${unit}`)) {
        missing += 1;
        lags.push(stoppedAt - boundaryOf(startAt, index, count, unit));
      }
    }
  }
  const sorted = Float64Array.from(lags).sort();
  const perReading = await pool.query<{ mismatched: number; not_active: number }>(
    `select count(*) filter (where coalesce(c.captures, 0) <> s.captured_units
                               or s.captured_units <> s.billed_ms / s.unit_ms)::int as mismatched,
            count(*) filter (where s.state <> 'active')::int as not_active
     from reading_sessions s
     left join (select ("references"->>'sessionId')::uuid as session_id, count(*) as captures
                from ledger_transfers where code = 'session_charge' group by 1) c on c.session_id = s.id`,
  );
  const check = perReading.rows[0] ?? { mismatched: -1, not_active: -1 };
  const exactlyOnce = duplicates === 0 && check.mismatched === 0 && check.not_active === 0;
  console.log(
    `  exactly once: ${count - check.mismatched}/${count} readings charged once per completed unit ` +
      `(${check.mismatched} mismatched, ${check.not_active} not active, ${duplicates} duplicate unit keys)`,
  );
  // Fresh statistics first: the verify queries' plans assume the table sizes they see.
  await pool.query("analyze");
  const report = await ledger.verify();
  console.log(
    `  ledger:verify: ${report.violations.length === 0 ? "clean" : JSON.stringify(report.violations.slice(0, 5))} (${report.transfers} transfers)`,
  );
  const lagP99Ms = Math.round(percentile(sorted, 0.99));
  // Charges start at the first boundary (one unit after the first start).
  const chargesPerSecond = Math.round(seen.size / ((stoppedAt - startAt - UNIT_MS) / 1000));
  return {
    readings: count,
    readingsAt60sUnit,
    unitMs: UNIT_MS,
    captures: seen.size,
    expected,
    missing,
    chargesPerSecond,
    lagP50Ms: Math.round(percentile(sorted, 0.5)),
    lagP99Ms,
    lagMaxMs: Math.round(sorted.at(-1) ?? 0),
    exactlyOnce,
    verifyClean: report.violations.length === 0,
    passed: exactlyOnce && report.violations.length === 0 && lagP99Ms <= LAG_LIMIT_MS && expected > 0,
  };
}

/** When unit `unit` of reading `index` completes: its start (spread over one unit) plus whole units. */
function boundaryOf(startAt: number, index: number, count: number, unit: number) {
  return startAt + Math.floor((index * UNIT_MS) / count) + (unit + 1) * UNIT_MS;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
