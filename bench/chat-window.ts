import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import os from "node:os";
import { type EventLoopUtilization, monitorEventLoopDelay, performance } from "node:perf_hooks";
import pg from "pg";
import { postgresCpuMs } from "./support.js";

export interface WindowFigures {
  /** CPU used over the window, in % of one core: this process (the server) and PostgreSQL. */
  serverCpuPercent: number;
  postgresCpuPercent: number;
  /** Every process on the machine (other work included), in % of one core, out of `cores` × 100. */
  machineBusyPercent: number;
  cores: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Share of the window the server's event loop was busy (not waiting for I/O), in %. */
  loopBusyPercent: number;
  /** Committed and rolled-back transactions in the bench database per message sent in the window. */
  transactionsPerMessage: number;
  capturedUnits: number;
}

interface Sample {
  at: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  machine: { busy: number; total: number };
  transactions: number;
  messages: number;
  capturedUnits: number;
}

/**
 * Figures of the measured window `[from, until)` (epoch ms), this process being the server; with
 * `profileFile`, a V8 CPU profile of the server over the window only (open it in Chrome DevTools).
 */
export function watchWindow(options: {
  databaseUrl: string;
  from: number;
  until: number;
  profileFile?: string;
}) {
  return new Promise<WindowFigures>((resolve, reject) => {
    setTimeout(
      () => {
        void (async () => {
          const client = new pg.Client({ connectionString: options.databaseUrl });
          await client.connect();
          try {
            const loop = monitorEventLoopDelay({ resolution: 10 });
            const stopProfile = await startProfile(options.profileFile);
            const first = await sample(client, options.databaseUrl);
            loop.enable();
            const busyFrom = performance.eventLoopUtilization();
            await new Promise((wake) => setTimeout(wake, Math.max(0, options.until - Date.now())));
            const busy = performance.eventLoopUtilization(busyFrom);
            loop.disable();
            const last = await sample(client, options.databaseUrl);
            await stopProfile?.();
            resolve(figures(first, last, loop, busy));
          } finally {
            await client.end();
          }
        })().catch(reject);
      },
      Math.max(0, options.from - Date.now()),
    );
  });
}

function figures(
  first: Sample,
  last: Sample,
  loop: ReturnType<typeof monitorEventLoopDelay>,
  busy: EventLoopUtilization,
): WindowFigures {
  const elapsedMs = last.at - first.at;
  const percent = (cpuMs: number) => Math.round((cpuMs / elapsedMs) * 100);
  const cores = os.availableParallelism();
  const machineTotal = last.machine.total - first.machine.total;
  return {
    serverCpuPercent: percent(last.serverCpuMs - first.serverCpuMs),
    postgresCpuPercent: percent(last.postgresCpuMs - first.postgresCpuMs),
    machineBusyPercent:
      machineTotal > 0
        ? Math.round(((last.machine.busy - first.machine.busy) / machineTotal) * cores * 100)
        : 0,
    cores,
    loopDelayP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
    loopDelayMaxMs: Number((loop.max / 1e6).toFixed(1)),
    loopBusyPercent: Math.round(busy.utilization * 100),
    transactionsPerMessage: Number(
      ((last.transactions - first.transactions) / Math.max(1, last.messages - first.messages)).toFixed(3),
    ),
    capturedUnits: last.capturedUnits - first.capturedUnits,
  };
}

/**
 * Counters at one instant. Messages are read from their sequence, not counted: a count of a
 * table that grows by thousands a second would itself load the database the window measures.
 */
async function sample(client: pg.Client, databaseUrl: string): Promise<Sample> {
  const result = await client.query<{ transactions: string; messages: string; captured: number }>(
    `select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database())::text
              as transactions,
            (select last_value from session_messages_seq_seq)::text as messages,
            (select count(*)::int from ledger_holds where status = 'captured') as captured`,
  );
  const cpu = process.cpuUsage();
  const row = result.rows[0];
  return {
    at: Date.now(),
    serverCpuMs: (cpu.user + cpu.system) / 1000,
    postgresCpuMs: postgresCpuMs(databaseUrl),
    machine: machineTicks(),
    transactions: Number(row?.transactions ?? 0),
    messages: Number(row?.messages ?? 0),
    capturedUnits: row?.captured ?? 0,
  };
}

/** Busy and total CPU ticks of the whole machine (/proc/stat; zeros elsewhere). */
function machineTicks() {
  try {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1, 9);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    return { busy, total: busy + (idle ?? 0) + (iowait ?? 0) };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Starts the inspector's profiler; the returned function stops it and writes the profile. */
export async function startProfile(file: string | undefined) {
  if (!file) return null;
  const inspector = new Session();
  inspector.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      inspector.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post("Profiler.enable");
  await post("Profiler.start");
  return async () => {
    const { profile } = (await post("Profiler.stop")) as { profile: object };
    writeFileSync(file, JSON.stringify(profile));
    inspector.disconnect();
    console.log(`CPU profile of the server over the measured window: ${file}`);
  };
}
