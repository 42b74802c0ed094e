import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { webmRecording } from "../server/test/webm.js";

/** What the parent asks the load process to do: one publisher and `viewers` watchers. */
export interface MediaLoadOptions {
  port: number;
  viewers: number;
  seconds: number;
  bitsPerSecond: number;
  keyframeEveryMs: number;
  /** Delays of pieces sent before this are not counted (the first keyframe interval). */
  skipFirstMs: number;
}

export interface MediaLoadResult {
  viewersOpen: number;
  /** Piece sent by the publisher → its last byte at a viewer, ms, for every viewer and piece. */
  delaysMs: number[];
  /** Pieces that some viewer had not fully received when the run ended. */
  missing: number;
  sentBytes: number;
  clientCpuMs: number;
}

const OPEN_TIMEOUT_MS = 10_000;
const DRAIN_MS = 3_000;

/** Runs one step in a child process (bounded by time) and returns its figures. */
export function runMediaLoad(options: MediaLoadOptions): Promise<MediaLoadResult> {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), options.seconds * 1000 + 60_000);
    child.once("message", (message: { result?: MediaLoadResult; error?: string }) => {
      clearTimeout(killer);
      if (message.result) resolve(message.result);
      else reject(new Error(message.error ?? "load process failed"));
    });
    child.once("exit", (code) => {
      clearTimeout(killer);
      reject(new Error(`load process exited with ${code}`));
    });
    child.send(options);
  });
}

async function load(options: MediaLoadOptions): Promise<MediaLoadResult> {
  const pieces = webmRecording(options);
  const head = pieces[0]?.bytes.length ?? 0;
  // Where each piece ends in the stream after the head (what a viewer counts after its init segment).
  const ends: number[] = [];
  let offset = -head;
  for (const piece of pieces) {
    offset += piece.bytes.length;
    ends.push(offset);
  }
  const sentAt: number[] = new Array(pieces.length).fill(Number.NaN);
  const delaysMs: number[] = [];
  const url = `ws://127.0.0.1:${options.port}`;
  const viewers: { socket: WebSocket; next: number }[] = [];
  const open = (socket: WebSocket) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), OPEN_TIMEOUT_MS);
      socket.once("open", () => {
        clearTimeout(timer);
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
  for (let index = 0; index < options.viewers; index++) {
    const socket = new WebSocket(`${url}/watch`);
    const viewer = { socket, next: 0 };
    let received = -1;
    socket.on("message", (data: Buffer) => {
      const now = performance.now();
      // The first message is the init segment.
      if (received < 0) {
        received = 0;
        return;
      }
      received += data.length;
      while (viewer.next < pieces.length && (ends[viewer.next] as number) <= received) {
        const at = sentAt[viewer.next] as number;
        if ((pieces[viewer.next]?.atMs ?? 0) >= options.skipFirstMs && viewer.next > 0)
          delaysMs.push(now - at);
        viewer.next += 1;
      }
    });
    viewers.push(viewer);
  }
  const opened = await Promise.all(viewers.map((viewer) => open(viewer.socket)));
  const publisher = new WebSocket(`${url}/publish`);
  if (!(await open(publisher))) throw new Error("the publisher could not connect");
  const cpu = process.cpuUsage();
  const started = performance.now();
  let sentBytes = 0;
  for (const [index, piece] of pieces.entries()) {
    const wait = started + piece.atMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt[index] = performance.now();
    publisher.send(piece.bytes);
    sentBytes += piece.bytes.length;
  }
  const drainUntil = performance.now() + DRAIN_MS;
  while (performance.now() < drainUntil && viewers.some((viewer) => viewer.next < pieces.length))
    await new Promise((resolve) => setTimeout(resolve, 50));
  const used = process.cpuUsage(cpu);
  const missing = viewers.filter((viewer) => viewer.next < pieces.length).length;
  publisher.close();
  for (const viewer of viewers) viewer.socket.terminate();
  return {
    viewersOpen: opened.filter(Boolean).length,
    delaysMs,
    missing,
    sentBytes,
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

if (process.argv.includes("--child") && process.send) {
  process.once("message", (options: MediaLoadOptions) => {
    load(options)
      .then((result) => ({ result }))
      .catch((error: Error) => ({ error: error.stack ?? error.message }))
      .then((message) => process.send?.(message, undefined, {}, () => process.disconnect?.()));
  });
}
