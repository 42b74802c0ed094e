import net from "node:net";
import { type HttpLoadResult, percentile } from "./support.js";

/** How much of each answer's end the request mix gets to see (the browse cursor is the last field). */
const BODY_TAIL_BYTES = 300;
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_HEADER_BYTES = 16 * 1024;

/** One HTTP/1.1 keep-alive connection sending GETs one at a time; reads each answer's status, length and tail only. */
function createConnection(port: number) {
  const socket = net.connect({ host: "127.0.0.1", port, noDelay: true });
  let pending: {
    resolve: (answer: { status: number; tail: string }) => void;
    reject: (error: Error) => void;
  } | null = null;
  let header: Buffer | null = Buffer.alloc(0);
  let status = 0;
  let remaining = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;

  const fail = (error: Error) => {
    const waiting = pending;
    pending = null;
    waiting?.reject(error);
  };
  const finish = () => {
    const waiting = pending;
    pending = null;
    const text = Buffer.concat(tail).toString("utf8");
    header = Buffer.alloc(0);
    tail = [];
    tailBytes = 0;
    waiting?.resolve({ status, tail: text });
  };
  const body = (chunk: Buffer) => {
    const part = chunk.subarray(0, remaining);
    remaining -= part.length;
    tail.push(part);
    tailBytes += part.length;
    while (tail.length > 1 && tailBytes - (tail[0]?.length ?? 0) >= BODY_TAIL_BYTES) {
      tailBytes -= tail.shift()?.length ?? 0;
    }
    if (remaining === 0) finish();
  };
  socket.on("data", (chunk: Buffer) => {
    if (header === null) return body(chunk);
    const seen = header.length === 0 ? chunk : Buffer.concat([header, chunk]);
    const end = seen.indexOf(HEADER_END);
    if (end < 0) {
      if (seen.length > MAX_HEADER_BYTES) fail(new Error("response header too large"));
      header = seen;
      return;
    }
    const head = seen.subarray(0, end).toString("latin1");
    status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return fail(new Error(`no content-length in answer: ${head.split("\r\n")[0]}`));
    remaining = Number(length[1]);
    header = null;
    if (remaining === 0) return finish();
    body(seen.subarray(end + HEADER_END.length));
  });
  socket.on("error", fail);
  socket.on("close", () => fail(new Error("connection closed")));
  return {
    get(pathAndQuery: string) {
      return new Promise<{ status: number; tail: string }>((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(`GET ${pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
      });
    },
    close: () => socket.destroy(),
  };
}

/**
 * A closed-loop HTTP load: `connections` keep-alive connections over loopback, each sending its
 * next request when the previous answers, for `durationMs` and at most `maxRequests` in all. Raw
 * sockets read each answer's status line, Content-Length and last few hundred bytes, not the whole
 * body through Node's HTTP parser. The client shares the machine's two cores with the
 * server and PostgreSQL, so what it spends is taken from what is measured. `next` is given the
 * tail of the connection's previous 200 answer.
 */
export async function runLeanHttpLoad(options: {
  port: number;
  connections: number;
  durationMs: number;
  maxRequests: number;
  next: (connection: number, previousBodyTail: string | null) => { path: string; label: string };
  onProgress?: (requests: number, elapsedSeconds: number) => void;
}): Promise<HttpLoadResult> {
  const latencies = new Float64Array(options.maxRequests);
  const byLabel = new Map<string, number[]>();
  let requests = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const progress = setInterval(
    () => options.onProgress?.(requests, (performance.now() - started) / 1000),
    2_000,
  );
  const connections = Array.from({ length: options.connections }, () => createConnection(options.port));
  try {
    await Promise.all(
      connections.map(async (connection, index) => {
        let previous: string | null = null;
        while (performance.now() < deadline && requests < options.maxRequests) {
          const { path, label } = options.next(index, previous);
          const sent = performance.now();
          const answer = await connection.get(path);
          const elapsed = performance.now() - sent;
          if (requests >= options.maxRequests) break;
          latencies[requests] = elapsed;
          requests += 1;
          if (answer.status !== 200) errors += 1;
          previous = answer.status === 200 ? answer.tail : null;
          const list = byLabel.get(label) ?? [];
          if (list.length < 100_000) list.push(elapsed);
          byLabel.set(label, list);
        }
      }),
    );
  } finally {
    clearInterval(progress);
    for (const connection of connections) connection.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.slice(0, requests).sort();
  return {
    requests,
    errors,
    seconds,
    perSecond: requests / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    byLabel,
  };
}
