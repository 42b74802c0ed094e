import type { ChildLoadResult } from "./http-load-child.js";
import { percentile, postgresCpuMs } from "./support.js";

/** CPU used so far by this process (the server) and by the PostgreSQL of `databaseUrl`. */
export function cpuSoFar(databaseUrl: string) {
  return { node: process.cpuUsage(), postgresMs: postgresCpuMs(databaseUrl) };
}

/** CPU used between two readings of `cpuSoFar`: the server's and PostgreSQL's, in ms. */
export function cpuBetween(since: ReturnType<typeof cpuSoFar>, until: ReturnType<typeof cpuSoFar>) {
  return {
    nodeMs: (until.node.user - since.node.user + until.node.system - since.node.system) / 1000,
    postgresMs: until.postgresMs - since.postgresMs,
  };
}

/**
 * Prints one run of a closed-loop HTTP load; the Node CPU per request is the server process's
 * (this one), the client's that of the load process (both share the machine with PostgreSQL).
 */
export function reportLoad(
  name: string,
  result: ChildLoadResult,
  since: ReturnType<typeof cpuSoFar>,
  databaseUrl: string,
  connections: number,
) {
  reportLoadUsage(name, result, cpuBetween(since, cpuSoFar(databaseUrl)), connections);
}

/** `reportLoad`, with the CPU the run used given (for a run measured in slices). */
export function reportLoadUsage(
  name: string,
  result: ChildLoadResult,
  used: { nodeMs: number; postgresMs: number },
  connections: number,
) {
  const requests = Math.max(1, result.requests);
  console.log(
    `${name}: ${result.requests} requests in ${result.seconds.toFixed(1)} s = ${Math.round(result.perSecond)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, non-200: ${result.errors}, node CPU ${(used.nodeMs / requests).toFixed(3)} ms/request (load client ${(result.clientCpuMs / requests).toFixed(3)}, PostgreSQL ${(used.postgresMs / requests).toFixed(3)})`,
  );
  // A closed loop: each connection waits for its answer, so mean latency ≈ connections / throughput.
  console.log(
    `  (closed loop: ${connections} connections / ${Math.round(result.perSecond)} per s ≈ ${((1000 * connections) / result.perSecond).toFixed(1)} ms mean latency)`,
  );
}

/**
 * Several runs of one load as one: their requests, time, errors and latencies together (the
 * percentiles from the runs' latencies by label, which the load client keeps up to 100,000 of
 * per label and run).
 */
export function mergeLoads(runs: readonly ChildLoadResult[]): ChildLoadResult {
  const byLabel = new Map<string, number[]>();
  for (const run of runs) {
    for (const [label, values] of run.byLabel) byLabel.set(label, [...(byLabel.get(label) ?? []), ...values]);
  }
  const latencies = Float64Array.from([...byLabel.values()].flat()).sort();
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return {
    requests,
    seconds,
    perSecond: seconds > 0 ? requests / seconds : 0,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    byLabel,
    clientCpuMs: runs.reduce((sum, run) => sum + run.clientCpuMs, 0),
  };
}
