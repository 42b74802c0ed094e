/*
 * Over 400 lines on purpose: one run of the chat bench from seeding to the report line (the
 * load processes, the window figures and the seeding live in their own files); the report and
 * its busy-loop recovery reading belong with the run they describe.
 */
import { type ChildProcess, spawn } from "node:child_process";
import pg from "pg";
import pino from "pino";
import { type ChatChildResult, type ChatTransport, startChatChild } from "./chat-load-child.js";
import { type ChatReadingPlan, seedChatReadings } from "./chat-seed.js";
import { type WindowFigures, watchWindow } from "./chat-window.js";
import { loadServer } from "./server.js";
import { freshDatabase, percentile } from "./support.js";

/** Readings (two sockets each); BENCH_CHAT_SESSIONS is the same knob under its older name. */
const READINGS = Math.min(
  5_000,
  Math.max(1, Number(process.env.BENCH_CHAT_READINGS ?? process.env.BENCH_CHAT_SESSIONS ?? 2_000)),
);
/** Load processes; each drives whole readings (both sockets), so a delivery is timed on one clock. */
const PROCESSES = Math.min(8, Math.max(1, Number(process.env.BENCH_CHAT_PROCESSES ?? 2)));
/** `socket` (default): messages go on the open, authenticated socket; `http`: one POST each. */
const TRANSPORT: ChatTransport = process.env.BENCH_CHAT_TRANSPORT === "http" ? "http" : "socket";
const WARMUP_MESSAGES = 5;
/**
 * Measured seconds (one message per socket per second). Chat allows 60 messages a minute per
 * user (socket and route alike), so warm-up plus measurement stays under 60 messages per user.
 */
const MEASURED_MESSAGES = Math.min(
  54,
  Math.max(5, Math.round(Number(process.env.BENCH_DURATION_MS ?? 45_000) / 1000)),
);
const DRAIN_MS = 5_000;
const SETTLE_MS = 30_000;
const OPEN_CONCURRENCY = 32;
const ACTIVE_WAIT_MS = 120_000;
/** Accepted readings wait this long for both sides (longer than production's 2 min: a slow ramp must not end them). */
const JOIN_TIMEOUT_MS = 10 * 60_000;
const RATE_CENTS = 199;
const FUNDED_UNITS = 20;
const TARGET_P99_MS = 100;
/**
 * BENCH_CHAT_BUSY_LOOP=1: outside CPU pressure in the middle of the run, a separate process
 * spinning one core for BUSY_LOOP_MS from measured second BUSY_LOOP_FROM_S; the report then gives
 * the delivery p99 of each second, and whether it is back under TARGET_P99_MS within
 * RECOVERY_TARGET_S after the spinning stops (with the refused, RETRY_LATER, counts).
 */
const BUSY_LOOP = process.env.BENCH_CHAT_BUSY_LOOP === "1";
const BUSY_LOOP_FROM_S = 10;
const BUSY_LOOP_MS = 20_000;
const RECOVERY_TARGET_S = 10;
const AUTH_SECRET = "bench-secret-that-is-long-enough-0123456789";

/**
 * Chat under load: N active chat readings (2N authenticated sockets, each reading's client and
 * reader in its `reading:<id>` room), every socket sending one message a second on a fixed
 * schedule (on the socket, or POSTed with BENCH_CHAT_TRANSPORT=http); measures send → arrival
 * of the event at the other participant's socket. The server
 * is the real app in this process with production timings (60 s billing unit, 500 ms biller);
 * the load runs in child processes over loopback.
 */
export async function runChatBench() {
  if (BUSY_LOOP && MEASURED_MESSAGES < BUSY_LOOP_FROM_S + BUSY_LOOP_MS / 1000 + RECOVERY_TARGET_S)
    throw new Error("BENCH_CHAT_BUSY_LOOP needs BENCH_DURATION_MS of at least 40000 (the default is 45000)");
  const { buildApp, loadConfig, systemClock, connectDatabase, createMailer, createJobs } = await loadServer();
  const database = await freshDatabase();
  const handle = connectDatabase(database.url);
  // Warnings and errors are counted and the first few kept: an overloaded run fails thousands of
  // requests (pool timeouts), and their stacks would bury the figures.
  const logged = { count: 0, first: [] as string[], kinds: new Map<string, number>() };
  const logger = pino(
    { level: "warn" },
    {
      write(line: string) {
        logged.count += 1;
        if (logged.first.length < 3) logged.first.push(`${line.trim().slice(0, 300)}${causeOf(line)}`);
        const kind = logKind(line);
        if (logged.kinds.size < 20 || logged.kinds.has(kind)) {
          logged.kinds.set(kind, (logged.kinds.get(kind) ?? 0) + 1);
        }
      },
    },
  );
  let run: Awaited<ReturnType<typeof measure>>;
  let unitMs: number;
  try {
    const config = loadConfig({
      DATABASE_URL: database.url,
      PAYMENT_PROVIDER: "sandbox",
      AUTH_SECRET,
      SERVE_WEB: "false",
      LOG_LEVEL: "warn",
      // The shedding bound under test, when one is given (else the product default).
      ...(process.env.CHAT_SHED_LAG_MS ? { CHAT_SHED_LAG_MS: process.env.CHAT_SHED_LAG_MS } : {}),
    });
    unitMs = config.SESSION_BILLING_UNIT_MS;
    const built = await buildApp({
      config,
      database: handle,
      // The job queue is never started: nothing on the chat path uses it.
      jobs: createJobs({ connectionString: database.url, logger }),
      mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
      clock: systemClock,
      logger,
      authSecret: AUTH_SECRET,
    });
    await built.app.listen({ host: "127.0.0.1", port: 0 });
    await built.start();
    const address = built.app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const seedStarted = performance.now();
      const plans = await seedChatReadings({
        pool: handle.pool,
        ledger: built.services.ledger,
        count: READINGS,
        rateCents: RATE_CENTS,
        fundedUnits: FUNDED_UNITS,
        unitMs,
        joinTimeoutMs: JOIN_TIMEOUT_MS,
        cookieName: await built.services.auth.sessionCookieName(),
        authSecret: AUTH_SECRET,
      });
      console.log(
        `chat bench: ${READINGS} readings, ${2 * READINGS} sockets, messages over ${TRANSPORT}, ${PROCESSES} load processes, billing unit ${unitMs} ms; seeded in ${seconds(seedStarted)} s`,
      );
      run = await measure({ databaseUrl: database.url, port, origin: config.publicUrl.origin, plans });
      await database.printStatements();
      await settle(handle.pool);
    } finally {
      await built.app.close();
    }
  } finally {
    await handle.close();
    await database.stop();
  }
  if (logged.count > 0) {
    console.log(
      `the server logged ${logged.count} warnings or errors; the first:\n  ${logged.first.join("\n  ")}`,
    );
    console.log(
      `by kind (message: cause):\n  ${[...logged.kinds].map(([kind, count]) => `${count} × ${kind}`).join("\n  ")}`,
    );
  }
  // Printed after the server is down, so the JSON line is the last one.
  return report(run, unitMs);
}

/** After an overloaded run, lets requests the load processes gave up on finish (bounded) before closing. */
async function settle(pool: pg.Pool) {
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline && (pool.waitingCount > 0 || pool.idleCount < pool.totalCount)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function measure(options: {
  databaseUrl: string;
  port: number;
  origin: string;
  plans: ChatReadingPlan[];
}) {
  const { plans } = options;
  const perProcess = Math.ceil(plans.length / PROCESSES);
  let delivered = 0;
  const children = Array.from({ length: Math.ceil(plans.length / perProcess) }, (_, index) =>
    startChatChild(
      {
        port: options.port,
        origin: options.origin,
        readings: plans.slice(index * perProcess, (index + 1) * perProcess),
        firstSocket: 2 * index * perProcess,
        totalSockets: 2 * plans.length,
        openConcurrency: OPEN_CONCURRENCY,
        transport: TRANSPORT,
      },
      (count) => {
        delivered += count;
      },
    ),
  );
  try {
    const rampStarted = performance.now();
    const opened = (await Promise.all(children.map((child) => child.ready()))).reduce((a, b) => a + b, 0);
    const active = await waitUntilActive(options.databaseUrl, plans.length);
    console.log(
      `ramp-up: ${opened} sockets authenticated (the server's hello names the seeded user) and in their rooms; ${active}/${plans.length} readings active in ${seconds(rampStarted)} s`,
    );
    if (active < plans.length) throw new Error(`only ${active} of ${plans.length} readings became active`);
    const startAt = Date.now() + 1_000;
    const measureFrom = startAt + WARMUP_MESSAGES * 1000;
    const window = watchWindow({
      databaseUrl: options.databaseUrl,
      from: measureFrom,
      until: measureFrom + MEASURED_MESSAGES * 1000,
      profileFile: process.env.BENCH_CPU_PROFILE,
    });
    const progress = setInterval(() => {
      console.log(`  ${delivered} measured messages delivered in the last 10 s`);
      delivered = 0;
    }, 10_000);
    let busy: ChildProcess | null = null;
    const busyTimer = BUSY_LOOP
      ? setTimeout(
          () => {
            busy = spinOneCore(BUSY_LOOP_MS);
            console.log(
              `  busy loop: one core spinning for ${BUSY_LOOP_MS / 1000} s from measured second ${BUSY_LOOP_FROM_S}`,
            );
          },
          measureFrom + BUSY_LOOP_FROM_S * 1000 - Date.now(),
        )
      : null;
    const results = await Promise.all(
      children.map((child) =>
        child.run({
          startAt,
          warmupMessages: WARMUP_MESSAGES,
          measuredMessages: MEASURED_MESSAGES,
          drainMs: DRAIN_MS,
          lateMs: TARGET_P99_MS,
        }),
      ),
    ).finally(() => {
      clearInterval(progress);
      if (busyTimer) clearTimeout(busyTimer);
      (busy as ChildProcess | null)?.kill("SIGKILL");
    });
    // Closed only once every process is done, so no process's closes land on another's measurement.
    await Promise.all(children.map((child) => child.close()));
    return { sockets: opened, merged: merge(results), window: await window };
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
}

/** A separate process keeping one core busy for `ms` (it stops by itself; killed at the latest with the run). */
function spinOneCore(ms: number) {
  const code = `const until = Date.now() + ${ms}; let spins = 0; while (Date.now() < until) spins += 1;`;
  return spawn(process.execPath, ["-e", code], { stdio: "ignore" });
}

async function waitUntilActive(databaseUrl: string, count: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + ACTIVE_WAIT_MS;
    let active = 0;
    while (Date.now() < deadline) {
      const result = await client.query<{ active: number }>(
        "select count(*)::int as active from reading_sessions where state = 'active'",
      );
      active = result.rows[0]?.active ?? 0;
      if (active >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return active;
  } finally {
    await client.end();
  }
}

function merge(results: ChatChildResult[]) {
  const statuses: Record<string, number> = {};
  for (const result of results)
    for (const [status, count] of Object.entries(result.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  const sum = (pick: (result: ChatChildResult) => number) => results.reduce((a, r) => a + pick(r), 0);
  // Delivery times by the measured second they were sent in (accepted messages only).
  const bySecond: number[][] = Array.from({ length: MEASURED_MESSAGES }, () => []);
  for (const result of results)
    result.deliveryMs.forEach((ms, index) => {
      bySecond[result.deliverySecond[index] ?? -1]?.push(ms);
    });
  return {
    delivery: Float64Array.from(results.flatMap((result) => result.deliveryMs)).sort(),
    // A second with no accepted message has no p99 (null), not a good one.
    p99BySecond: bySecond.map((values) =>
      values.length === 0 ? null : round(percentile(Float64Array.from(values).sort(), 0.99)),
    ),
    refusedBySecond: Array.from({ length: MEASURED_MESSAGES }, (_, second) =>
      sum((r) => r.refusedBySecond[second] ?? 0),
    ),
    lateInbound: Float64Array.from(results.flatMap((result) => result.lateInboundMs)).sort(),
    lateOutbound: Float64Array.from(results.flatMap((result) => result.lateOutboundMs)).sort(),
    answer: Float64Array.from(results.flatMap((result) => result.answerMs)).sort(),
    statuses,
    sent: sum((r) => r.sent),
    accepted: sum((r) => r.accepted),
    measuredSent: sum((r) => r.measuredSent),
    measuredDelivered: sum((r) => r.measuredDelivered),
    undelivered: sum((r) => r.undelivered),
    requestErrors: sum((r) => r.requestErrors),
    socketsClosedEarly: sum((r) => r.socketsClosedEarly),
    hubErrors: sum((r) => r.hubErrors),
    timerLagMaxMs: Math.max(...results.map((r) => r.timerLagMaxMs)),
    lateBySecond: Array.from({ length: MEASURED_MESSAGES }, (_, second) =>
      sum((r) => r.lateBySecond[second] ?? 0),
    ),
    loadCpuMs: sum((r) => r.cpuMs),
  };
}

function report(
  run: { sockets: number; merged: ReturnType<typeof merge>; window: WindowFigures },
  unitMs: number,
) {
  const { merged, window } = run;
  const { delivery, answer } = merged;
  // Refusals for load (RETRY_LATER, or 503 over HTTP) are answers, not errors: the app sends them again.
  const refused =
    (merged.statuses.RETRY_LATER ?? 0) + (TRANSPORT === "http" ? (merged.statuses["503"] ?? 0) : 0);
  const errors = merged.sent - merged.accepted - refused;
  const ms = (values: Float64Array, q: number) => percentile(values, q).toFixed(1);
  console.log(
    `sent ${merged.sent} messages (${merged.measuredSent} measured over ${MEASURED_MESSAGES} s after ${WARMUP_MESSAGES} s warm-up); answers ${JSON.stringify(merged.statuses)}, request errors ${merged.requestErrors}`,
  );
  console.log(
    `send → delivery to the other participant: p50 ${ms(delivery, 0.5)} ms, p99 ${ms(delivery, 0.99)} ms, p99.9 ${ms(delivery, 0.999)} ms, max ${(delivery.at(-1) ?? 0).toFixed(1)} ms; ${merged.undelivered} undelivered after a ${DRAIN_MS} ms drain (counted at the drain's end)`,
  );
  console.log(`deliveries over ${TARGET_P99_MS} ms by second of sending: ${merged.lateBySecond.join(" ")}`);
  console.log(
    `messages: sent ${merged.sent}, accepted ${merged.accepted}, refused for load (RETRY_LATER) ${refused}, measured delivered ${merged.measuredDelivered}; accepted → delivery p99 ${ms(delivery, 0.99)} ms`,
  );
  console.log(
    `delivery p99 (ms) by second of sending (- when none was accepted): ${merged.p99BySecond.map((p99) => p99 ?? "-").join(" ")}`,
  );
  console.log(`refused for load by second of sending: ${merged.refusedBySecond.join(" ")}`);
  const busyEndS = BUSY_LOOP_FROM_S + BUSY_LOOP_MS / 1000;
  const recoveredAfterS = BUSY_LOOP ? recoveredAfter(merged.p99BySecond, busyEndS) : null;
  if (BUSY_LOOP) {
    console.log(
      `busy loop in seconds ${BUSY_LOOP_FROM_S}–${busyEndS}: p99 ${
        recoveredAfterS === null
          ? "not back under the target by the end of the run"
          : `back under ${TARGET_P99_MS} ms (and stayed) ${recoveredAfterS} s after it stopped`
      } (target: within ${RECOVERY_TARGET_S} s)`,
    );
  }
  if (merged.lateInbound.length > 0) {
    console.log(
      `those late deliveries split at the server's stamp: send → stamp p50 ${ms(merged.lateInbound, 0.5)} ms, p90 ${ms(merged.lateInbound, 0.9)} ms; stamp → delivery p50 ${ms(merged.lateOutbound, 0.5)} ms, p90 ${ms(merged.lateOutbound, 0.9)} ms`,
    );
  }
  console.log(
    `send → ${TRANSPORT === "http" ? "201 answer" : "ack on the socket"}: p50 ${ms(answer, 0.5)} ms, p99 ${ms(answer, 0.99)} ms; ${window.transactionsPerMessage} database transactions per message (all sources)`,
  );
  console.log(
    `CPU over the measured window (% of one core): server ${window.serverCpuPercent}, PostgreSQL ${window.postgresCpuPercent}, load processes ~${Math.round((merged.loadCpuMs / ((WARMUP_MESSAGES + MEASURED_MESSAGES) * 1000 + DRAIN_MS)) * 100)}, whole machine ${window.machineBusyPercent} of ${window.cores * 100}; server event loop busy ${window.loopBusyPercent} %, its delay p99 ${window.loopDelayP99Ms} ms, max ${window.loopDelayMaxMs} ms; send timer lag max ${merged.timerLagMaxMs} ms`,
  );
  console.log(
    `sockets closed early ${merged.socketsClosedEarly}, error frames ${merged.hubErrors}; ${window.capturedUnits} billing units captured during the window`,
  );
  const p99Ms = round(percentile(delivery, 0.99));
  const line = {
    bench: "chat",
    transport: TRANSPORT,
    sockets: run.sockets,
    messagesPerSecond: Math.round(merged.measuredDelivered / MEASURED_MESSAGES),
    offeredPerSecond: run.sockets,
    p99Ms,
    p50Ms: round(percentile(delivery, 0.5)),
    p999Ms: round(percentile(delivery, 0.999)),
    maxMs: round(delivery.at(-1) ?? 0),
    answerP99Ms: round(percentile(answer, 0.99)),
    measuredSeconds: MEASURED_MESSAGES,
    measuredMessages: merged.measuredSent,
    undelivered: merged.undelivered,
    errors,
    serverCpuPercent: window.serverCpuPercent,
    loopBusyPercent: window.loopBusyPercent,
    postgresCpuPercent: window.postgresCpuPercent,
    machineBusyPercent: window.machineBusyPercent,
    unitMs,
    accepted: merged.accepted,
    refused,
    measuredDelivered: merged.measuredDelivered,
    p99BySecondMs: merged.p99BySecond,
    refusedBySecond: merged.refusedBySecond,
    busyLoop: BUSY_LOOP ? { fromSecond: BUSY_LOOP_FROM_S, toSecond: busyEndS, recoveredAfterS } : null,
    passed:
      (BUSY_LOOP
        ? recoveredAfterS !== null && recoveredAfterS <= RECOVERY_TARGET_S
        : p99Ms < TARGET_P99_MS) &&
      errors === 0 &&
      merged.undelivered === 0,
  };
  console.log(JSON.stringify(line));
  return line;
}

/**
 * Seconds after `fromSecond` until the per-second p99 is under the target for every later
 * second (a second with nothing accepted does not count as under it); null if it never is.
 */
function recoveredAfter(p99BySecond: (number | null)[], fromSecond: number) {
  let last = -1;
  p99BySecond.forEach((p99, second) => {
    if (p99 === null || p99 >= TARGET_P99_MS) last = second;
  });
  if (last >= p99BySecond.length - 1) return null;
  return Math.max(0, last + 1 - fromSecond);
}

/** A log line's message and the root cause of its error, to count failures by kind. */
function logKind(line: string) {
  try {
    const entry = JSON.parse(line) as {
      msg?: string;
      err?: { message?: string; code?: string; cause?: { message?: string; code?: string } };
    };
    const cause = entry.err?.cause ?? entry.err;
    return `${entry.msg ?? ""}: ${cause?.code ?? ""} ${(cause?.message ?? "").slice(0, 120)}`;
  } catch {
    return line.slice(0, 120);
  }
}

const round = (value: number) => Number(value.toFixed(2));
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** The database's own words for a failed query (the cause Drizzle wraps), which the first 300 characters of the line miss. */
function causeOf(line: string): string {
  try {
    const err = (
      JSON.parse(line) as {
        err?: { stack?: string; cause?: { message?: string; detail?: string; where?: string } };
      }
    ).err;
    const cause = err?.cause?.message ?? /caused by: ([^\n]*)/i.exec(err?.stack ?? "")?.[1];
    // A deadlock's detail names both waits; `where` names the statement inside a function.
    const more = [err?.cause?.detail, err?.cause?.where].filter(Boolean).join("\n      ");
    return cause ? `\n    cause: ${cause}${more ? `\n      ${more}` : ""}` : "";
  } catch {
    return "";
  }
}
