// Runs a Node.js child process the way `npm start` and `npm run bench` need it: with the V8 flags
// of SOULSEER_NODE_FLAGS, Ctrl-C and SIGTERM passed on, and the child's exit code as our own.
// Plain Node.js: `npm start` imports this on a tree installed without the dev dependencies.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { parseEnv } from "node:util";

/**
 * V8 flags the app process gets when SOULSEER_NODE_FLAGS is unset: a 32 MB young generation
 * (decision 0012) and a heap that grows fourfold before the next major collection (0013). Node
 * refuses --heap-growing-percent in NODE_OPTIONS, hence a variable of our own.
 */
export const DEFAULT_NODE_FLAGS = ["--max-semi-space-size=32", "--heap-growing-percent=300"];

/** A setting from the environment, else from `.env` in the working folder (as the server reads it). */
export function readSetting(name) {
  if (process.env[name] !== undefined) return process.env[name];
  if (!existsSync(".env")) return undefined;
  return parseEnv(readFileSync(".env", "utf8"))[name];
}

/** SOULSEER_NODE_FLAGS split on spaces (set but empty: no flags), or the defaults when unset. */
export function nodeFlags() {
  const value = readSetting("SOULSEER_NODE_FLAGS");
  if (value === undefined) return DEFAULT_NODE_FLAGS;
  const flags = value.split(/\s+/).filter((flag) => flag !== "");
  const wrong = flags.filter((flag) => !flag.startsWith("--"));
  if (wrong.length > 0) {
    console.error(`SOULSEER_NODE_FLAGS: ${wrong.join(" ")} is not a Node.js option (options start with --)`);
    process.exit(78);
  }
  return flags;
}

/**
 * Runs `node ...args` with our stdio. SIGINT and SIGTERM are passed on (a Ctrl-C in a terminal
 * reaches both processes; the server shuts down once either way) and we exit when the child does,
 * with its exit code, or 128 + the signal's number when a signal ended it.
 */
export function runNodeChild(args) {
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("error", (error) => {
    console.error(`could not start ${process.execPath}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}
