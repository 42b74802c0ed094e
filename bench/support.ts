import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../server/test/free-port.js";
import { loadServer } from "./server.js";

/**
 * A fresh, migrated embedded PostgreSQL in a temporary folder, removed by `stop`. `settings` are
 * `alter system` lines applied by a restart (for example `track_commit_timestamp = on`). With
 * `BENCH_PG_STATEMENTS=1`, pg_stat_statements is loaded too and `printStatements()` lists where the
 * database's time went (see `printStatements`).
 */
export async function freshDatabase(settings: readonly string[] = []) {
  const { startEmbeddedPostgres, migrateDatabase } = await loadServer();
  const root = mkdtempSync(path.join(os.tmpdir(), "soulseer-bench-"));
  chmodSync(root, 0o755);
  const options = {
    dataDir: path.join(root, "data"),
    port: await freePort(),
    databaseName: "bench",
    log: () => {},
  };
  const tracing = process.env.BENCH_PG_STATEMENTS === "1";
  const all = [
    ...settings,
    ...(tracing
      ? ["shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track_planning = on"]
      : []),
  ];
  let embedded = await startEmbeddedPostgres(options);
  await migrateDatabase(embedded.url);
  if (all.length > 0) {
    const admin = new pg.Client({ connectionString: embedded.adminUrl });
    await admin.connect();
    for (const setting of all) await admin.query(`alter system set ${setting}`);
    await admin.end();
    await embedded.stop();
    embedded = await startEmbeddedPostgres(options);
  }
  if (tracing) {
    const admin = new pg.Client({ connectionString: embedded.adminUrl });
    await admin.connect();
    await admin.query("create extension if not exists pg_stat_statements");
    await admin.end();
  }
  const started = embedded;
  return {
    url: started.url,
    /** The 15 statements that took the most time, once `BENCH_PG_STATEMENTS=1` loaded the extension. */
    async printStatements() {
      if (!tracing) return;
      const admin = new pg.Client({ connectionString: started.adminUrl });
      await admin.connect();
      const top = await admin.query<{ calls: string; ms: number; planMs: number; query: string }>(
        `select calls, round(total_exec_time::numeric, 0)::float as ms,
                round(total_plan_time::numeric, 0)::float as "planMs",
                regexp_replace(left(query, 110), '\\s+', ' ', 'g') as query
         from pg_stat_statements order by total_exec_time desc limit 15`,
      );
      await admin.end();
      for (const row of top.rows)
        console.log(`pg: ${row.calls} calls, ${row.ms} ms (+${row.planMs} ms planning): ${row.query}`);
    },
    async stop() {
      await started.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs `workers` loops of `operation` for `durationMs` (and at most `maxOperations` in all). */
export async function runFor(
  workers: number,
  durationMs: number,
  maxOperations: number,
  operation: (worker: number, iteration: number) => Promise<void>,
) {
  let done = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let iteration = 0; Date.now() < deadline && done < maxOperations; iteration += 1) {
        await operation(worker, iteration);
        done += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { operations: done, seconds, perSecond: done / seconds };
}

export interface HttpLoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Latencies (ms) per label, for a breakdown by request kind. */
  byLabel: Map<string, number[]>;
}

/** Inserts bench users with these ids and one role (names and emails made from the ids). */
export async function insertBenchUsers(pool: pg.Pool, ids: readonly string[], role: string) {
  await pool.query(
    `insert into users (id, display_name, email, email_verified, role)
     select id, 'Bench ' || id, id || '@bench.test', true, $2 from unnest($1::text[]) as id`,
    [ids, role],
  );
}

/** The q-quantile of ascending values (nearest rank). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * Like `freshDatabase`, with `track_commit_timestamp` on, so a bench can read when each row's
 * transaction committed: `pg_xact_commit_timestamp(xmin)`.
 */
export function freshDatabaseWithCommitTimestamps() {
  return freshDatabase(["track_commit_timestamp = on"]);
}

/** Runs `operation(index)` for every index below `count` on `workers` concurrent loops. */
export async function inBatches(count: number, workers: number, operation: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await operation(index);
      }
    }),
  );
}

/**
 * CPU time (ms, user + system) used so far by the PostgreSQL server listening on `url`'s port:
 * the postmaster and its live backends, read from /proc (Linux; 0 elsewhere). Backends that
 * exited count through the postmaster's children totals.
 */
export function postgresCpuMs(url: string): number {
  const port = new URL(url).port;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const stats = new Map<string, { ppid: string; ticks: number; childTicks: number; cmdline: string }>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      stats.set(pid, {
        ppid: fields[1] ?? "",
        ticks: Number(fields[11]) + Number(fields[12]),
        childTicks: Number(fields[13]) + Number(fields[14]),
        cmdline,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  const postmaster = [...stats].find(
    ([, stat]) => /(^|\/)postgres /.test(stat.cmdline) && stat.cmdline.includes(` -p ${port} `),
  );
  if (!postmaster) return 0;
  const [postmasterPid, root] = postmaster;
  let ticks = root.ticks + root.childTicks;
  for (const stat of stats.values()) if (stat.ppid === postmasterPid) ticks += stat.ticks;
  return ticks * (1000 / 100);
}
