import { execFileSync, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChatReadingPlan } from "./chat-seed.js";

/** The sockets this process opens (both participants of each of its readings). */
export interface ChatChildSetup {
  port: number;
  origin: string;
  readings: ChatReadingPlan[];
  /** The global index of this process's first socket, and all sockets across processes (send phases). */
  firstSocket: number;
  totalSockets: number;
  openConcurrency: number;
  /** How messages are sent: on the already-open socket (as the web app does) or as HTTP POSTs. */
  transport: ChatTransport;
}

export type ChatTransport = "socket" | "http";

/** When and how much to send: message k of socket g goes at `startAt + g × 1000 / total + k × 1000`. */
export interface ChatChildRun {
  startAt: number;
  warmupMessages: number;
  measuredMessages: number;
  drainMs: number;
  lateMs: number;
}

export interface ChatChildResult {
  /** Send → delivery to the other participant's socket (ms), measured messages only. */
  deliveryMs: number[];
  /** The measured second each of `deliveryMs` was sent in (same order). */
  deliverySecond: number[];
  /** Send → the sender's answer (ms; the socket's `reply` or the POST's 201), measured messages only. */
  answerMs: number[];
  /** Per measured second: messages sent in it whose delivery took longer than `lateMs`. */
  lateBySecond: number[];
  /** Per measured second: messages sent in it that were refused for load (RETRY_LATER, or 503 over HTTP). */
  refusedBySecond: number[];
  /**
   * Late deliveries split at the server's stamp (the message's `createdAt`, taken when the server
   * read the frame; same machine, same clock, ms): send → stamp (the load's send, the socket, the
   * server's event loop) and stamp → delivery (insert and commit, NOTIFY, fan-out, the receiving load).
   */
  lateInboundMs: number[];
  lateOutboundMs: number[];
  sent: number;
  measuredSent: number;
  measuredDelivered: number;
  /** Measured messages sent that never reached the other side within the drain. */
  undelivered: number;
  /** Answers by kind: `ack` or a `chat-error` code on the socket, HTTP statuses over HTTP. */
  statuses: Record<string, number>;
  /** Messages the server accepted (an ack or a 201). */
  accepted: number;
  requestErrors: number;
  socketsOpened: number;
  socketsClosedEarly: number;
  hubErrors: number;
  timerLagMaxMs: number;
  cpuMs: number;
}

export type ParentMessage =
  | ({ type: "setup" } & ChatChildSetup)
  | ({ type: "run" } & ChatChildRun)
  | { type: "close" };
export type ChildMessage =
  | { type: "ready"; opened: number }
  | { type: "closed" }
  | { type: "progress"; delivered: number }
  | { type: "done"; result: ChatChildResult }
  | { type: "failed"; message: string };

/** How long one socket may take to open, authenticate and join its room. */
export const OPEN_TIMEOUT_MS = 20_000;
/** The ramp may take this long per socket before the process counts as stuck. */
const OPEN_BUDGET_MS = 100;
const SAFETY_MS = 120_000;

/**
 * The load processes stand for clients on other machines: they run in the batch scheduling class
 * (Linux `SCHED_BATCH`), so a frame the server writes to one of their sockets, which wakes them,
 * does not also preempt the server. Same CPU share; the server's main thread was preempted about
 * 680 times a second without it and about 320 with it (measured in one run each). Best effort: without
 * `chrt` (util-linux) the bench runs as before.
 */
function batchScheduling(pid: number | undefined) {
  if (pid === undefined) return;
  try {
    execFileSync("chrt", ["--all-tasks", "--batch", "--pid", "0", String(pid)], { stdio: "ignore" });
  } catch {
    console.log(`load process ${pid} keeps the normal scheduling class (chrt failed)`);
  }
}

/**
 * A load process: `ready` opens and subscribes its sockets; `run` sends on schedule and answers
 * the figures, its sockets still open (one process closing its sockets early would load the
 * server while another still measures); `close` closes them and ends the process.
 */
export function startChatChild(setup: ChatChildSetup, onProgress: (delivered: number) => void) {
  const child = fork(fileURLToPath(new URL("./chat-load-process.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  batchScheduling(child.pid);
  let settle: { resolve: (value: unknown) => void; reject: (error: Error) => void } | null = null;
  const waitFor = <T>(send: ParentMessage, limitMs: number) =>
    new Promise<T>((resolve, reject) => {
      const killer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`load process gave no answer in ${limitMs} ms`));
      }, limitMs);
      settle = {
        resolve: (value) => {
          clearTimeout(killer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(killer);
          reject(error);
        },
      };
      child.send(send);
    });
  child.on("message", (message: ChildMessage) => {
    if (message.type === "progress") onProgress(message.delivered);
    else if (message.type === "ready") settle?.resolve(message.opened);
    else if (message.type === "done") settle?.resolve(message.result);
    else if (message.type === "closed") settle?.resolve(undefined);
    else settle?.reject(new Error(message.message));
  });
  let closing = false;
  child.on("exit", (code) => {
    // Asked to close, it may exit before its "closed" message is read: a clean exit is the answer.
    if (closing && code === 0) settle?.resolve(undefined);
    else settle?.reject(new Error(`load process exited with ${code}`));
  });
  return {
    /** Opens the sockets; resolves with how many are open, authenticated and in their room. */
    ready: () =>
      waitFor<number>(
        { type: "setup", ...setup },
        Math.max(OPEN_TIMEOUT_MS * 4, setup.readings.length * 2 * OPEN_BUDGET_MS) + SAFETY_MS,
      ),
    run: (run: ChatChildRun) =>
      waitFor<ChatChildResult>(
        { type: "run", ...run },
        run.startAt -
          Date.now() +
          (run.warmupMessages + run.measuredMessages) * 1000 +
          run.drainMs +
          SAFETY_MS,
      ),
    close: () => {
      closing = true;
      return waitFor<void>({ type: "close" }, SAFETY_MS).finally(() => {
        if (child.connected) child.disconnect();
      });
    },
    kill: () => child.kill("SIGKILL"),
  };
}
