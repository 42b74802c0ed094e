import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runLeanHttpLoad } from "./browse-load-client.js";
import { createBrowseMix } from "./browse-mix.js";
import { createSlotsMix, type SlotTarget } from "./slots-mix.js";
import type { HttpLoadResult } from "./support.js";

/** What the parent asks the load process to run. */
export interface ChildLoadOptions {
  port: number;
  connections: number;
  durationMs: number;
  maxRequests: number;
  mix: "browse" | "bare" | "slots";
  seed: number;
  /** For the slots mix: the readers it asks about. */
  slotTargets?: SlotTarget[];
}

/** A load's figures, with the CPU time the load process itself used (to judge its share of the machine). */
export type ChildLoadResult = HttpLoadResult & { clientCpuMs: number };

type ChildMessage =
  | { type: "progress"; requests: number; seconds: number }
  | { type: "done"; result: Omit<ChildLoadResult, "byLabel"> & { byLabel: [string, number[]][] } }
  | { type: "failed"; message: string };

/** Runs one closed-loop HTTP load in a child process (bounded by time and count) and returns its figures. */
export function runLoadInChild(
  options: ChildLoadOptions,
  onProgress?: (requests: number, seconds: number) => void,
): Promise<ChildLoadResult> {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), options.durationMs + 60_000);
    child.on("message", (message: ChildMessage) => {
      if (message.type === "progress") onProgress?.(message.requests, message.seconds);
      else if (message.type === "done") {
        clearTimeout(killer);
        resolve({ ...message.result, byLabel: new Map(message.result.byLabel) });
        child.disconnect();
      } else {
        clearTimeout(killer);
        reject(new Error(message.message));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(killer);
      reject(new Error(`load process exited with ${code}`));
    });
    child.send(options);
  });
}

if (process.argv.includes("--child") && process.send) {
  // Disconnect only once the last message is flushed, or it may be lost.
  const send = (message: ChildMessage, then?: () => void) =>
    process.send?.(message, undefined, {}, () => then?.());
  process.once("message", (options: ChildLoadOptions) => {
    const next =
      options.mix === "browse"
        ? createBrowseMix(options.seed)
        : options.mix === "slots"
          ? createSlotsMix(options.seed, options.slotTargets ?? [])
          : () => ({ path: "/health", label: "health" });
    const cpu = process.cpuUsage();
    runLeanHttpLoad({
      ...options,
      next,
      onProgress: (requests, seconds) => send({ type: "progress", requests, seconds }),
    })
      .then((result) => {
        const used = process.cpuUsage(cpu);
        const clientCpuMs = (used.user + used.system) / 1000;
        return {
          type: "done",
          result: { ...result, clientCpuMs, byLabel: [...result.byLabel] },
        } as ChildMessage;
      })
      .catch((error: Error) => ({ type: "failed", message: error.message }) as ChildMessage)
      .then((message) => send(message, () => process.disconnect?.()));
  });
}
