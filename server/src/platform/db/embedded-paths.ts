import { createHash } from "node:crypto";
import path from "node:path";

/**
 * Where the embedded PostgreSQL keeps its binaries and data when it runs as another user.
 *
 * As root, PostgreSQL runs as the `postgres` system user (it refuses to run as root). That user
 * must be able to enter every folder above the binaries (in node_modules) and the data folder. A
 * checkout in a private folder (`/root/...`, a 0700 home) blocks it, and initdb fails with EACCES.
 * Then the binaries are copied, and the data kept, in a per-project folder under STATE_ROOT that
 * the user can reach. This module only decides; embedded.ts checks, copies and starts.
 */
export const DEFAULT_STATE_ROOT = "/var/lib/soulseer";

export interface EmbeddedPathsInput {
  /** The configured data folder (EMBEDDED_DB_DIR), resolved. */
  dataDir: string;
  /** The folder of the package's binaries (its bin/, lib/ and share/), resolved. */
  nativeDir: string;
  /** The package version, so an upgrade copies its own binaries. */
  version: string;
  /** Whether the server's user may enter this folder (or its nearest existing parent). */
  canReach(folder: string): boolean;
  /** Whether a PostgreSQL cluster already lives in this folder. */
  hasCluster(folder: string): boolean;
  stateRoot?: string;
}

export type EmbeddedPaths =
  | {
      ok: true;
      dataDir: string;
      nativeDir: string;
      /** Set when the binaries must first be copied from the package (nativeDir is the copy). */
      copyBinariesFrom: string | null;
      /** Human sentences for the log, one per relocation. */
      notes: string[];
    }
  | { ok: false; reason: string };

/** A per-project folder under the state root: a short hash of the folder it stands in for. */
export function stateDirFor(folder: string, stateRoot = DEFAULT_STATE_ROOT): string {
  const hash = createHash("sha256").update(path.resolve(folder)).digest("hex").slice(0, 12);
  return path.join(stateRoot, hash);
}

/** Decides where the binaries and the data live so that the server's user reaches both. */
export function chooseEmbeddedPaths(input: EmbeddedPathsInput): EmbeddedPaths {
  const notes: string[] = [];
  let dataDir = input.dataDir;
  let nativeDir = input.nativeDir;
  let copyBinariesFrom: string | null = null;

  if (!input.canReach(input.dataDir)) {
    if (input.hasCluster(input.dataDir))
      return {
        ok: false,
        reason: `the database in ${input.dataDir} is in a folder the postgres user can no longer enter (a parent folder's permissions changed)`,
      };
    dataDir = path.join(stateDirFor(input.dataDir, input.stateRoot), "data");
    notes.push(
      `the postgres user cannot enter ${input.dataDir}, so the embedded database keeps its data in ${dataDir}`,
    );
  }
  if (!input.canReach(input.nativeDir)) {
    // Keyed by the checkout's binaries (not the data folder): one copy per project and version.
    nativeDir = path.join(stateDirFor(input.nativeDir, input.stateRoot), `postgres-${input.version}`);
    copyBinariesFrom = input.nativeDir;
    notes.push(
      `the postgres user cannot enter ${input.nativeDir}, so the embedded database runs from a copy of its binaries in ${nativeDir}`,
    );
  }
  return { ok: true, dataDir, nativeDir, copyBinariesFrom, notes };
}
