import type { ChildLoadResult } from "./http-load-child.js";
import { postgresCpuMs } from "./support.js";

/** CPU used so far by this process (the server) and by the PostgreSQL of `databaseUrl`. */
export function cpuSoFar(databaseUrl: string) {
  return { node: process.cpuUsage(), postgresMs: postgresCpuMs(databaseUrl) };
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
  const requests = Math.max(1, result.requests);
  const cpu = process.cpuUsage(since.node);
  const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / requests;
  const postgresMsPerRequest = (postgresCpuMs(databaseUrl) - since.postgresMs) / requests;
  console.log(
    `${name}: ${result.requests} requests in ${result.seconds.toFixed(1)} s = ${Math.round(result.perSecond)}/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, non-200: ${result.errors}, node CPU ${cpuMsPerRequest.toFixed(2)} ms/request (load client ${(result.clientCpuMs / requests).toFixed(2)}, PostgreSQL ${postgresMsPerRequest.toFixed(2)})`,
  );
  // A closed loop: each connection waits for its answer, so mean latency ≈ connections / throughput.
  console.log(
    `  (closed loop: ${connections} connections / ${Math.round(result.perSecond)} per s ≈ ${((1000 * connections) / result.perSecond).toFixed(1)} ms mean latency)`,
  );
}
