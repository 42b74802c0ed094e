import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../server/test/free-port.js";

export interface RunningPlatform {
  baseUrl: string;
  /** The platform's embedded database (a journey's setup may read or move rows, e.g. a booking's time). */
  databaseUrl: string;
  /** The folder of its database, files and (embedded mode) its generated AUTH_SECRET. */
  dataRoot: string;
  logs: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the real platform on a fresh embedded database as `npm start` does: through the start
 * script, which runs the compiled server (dist/server) with the production V8 flags and passes
 * our SIGTERM on. `npm run test:e2e` builds first when needed, so the script finds the build current.
 */
export async function startPlatform(env: Record<string, string> = {}): Promise<RunningPlatform> {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), "soulseer-e2e-"));
  chmodSync(dataRoot, 0o755);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const databasePort = await freePort();
  let output = "";
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      EMBEDDED_DB_DIR: path.join(dataRoot, "postgres"),
      EMBEDDED_DB_PORT: String(databasePort),
      LOG_LEVEL: "warn",
      // Every journey signs in several times from 127.0.0.1.
      SIGN_IN_RATE_LIMIT_MAX: "100",
      // Bare demo accounts (empty wallets, no automatic readers) unless a journey asks for more.
      DEMO_ACTIVITY: "false",
      // Each platform's files beside its database, not in the checkout's .data folder.
      FILES_DIR: path.join(dataRoot, "files"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await waitUntilReady(`${baseUrl}/ready`, child, () => output);
  return {
    baseUrl,
    databaseUrl: `postgres://soulseer:soulseer-embedded@127.0.0.1:${databasePort}/soulseer`,
    dataRoot,
    logs: () => output,
    async stop() {
      await stopProcess(child);
      rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

/**
 * A second app node of the same deployment as `first`: its database (as DATABASE_URL), its
 * AUTH_SECRET (so a sign-in made on one node holds on the other), its files; its own port and
 * origin. Stop it before `first`, whose database it uses.
 */
export async function startSecondNode(first: RunningPlatform): Promise<Omit<RunningPlatform, "dataRoot">> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_URL: first.databaseUrl,
      AUTH_SECRET: readFileSync(path.join(first.dataRoot, "auth-secret"), "utf8").trim(),
      PAYMENT_PROVIDER: "sandbox",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      SIGN_IN_RATE_LIMIT_MAX: "100",
      DEMO_ACTIVITY: "false",
      FILES_DIR: path.join(first.dataRoot, "files"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await waitUntilReady(`${baseUrl}/ready`, child, () => output);
  return {
    baseUrl,
    databaseUrl: first.databaseUrl,
    logs: () => output,
    stop: () => stopProcess(child),
  };
}

async function waitUntilReady(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`platform exited early:\n${logs()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // SIGTERM first: the start script passes it on, so the server does not outlive it.
  await stopProcess(child);
  throw new Error(`platform not ready in 90 s:\n${logs()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
