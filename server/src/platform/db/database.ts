import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";

export type Database = NodePgDatabase<Record<string, never>>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Repositories take either the pool-backed database or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  /** The connection string, for the few clients that need a dedicated connection (LISTEN). */
  url: string;
  pool: pg.Pool;
  db: Database;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { maxConnections?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzle(pool);
  return {
    url,
    pool,
    db,
    close: () => pool.end(),
  };
}

/** True when the database answers a trivial query. */
export async function databaseIsReady(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query("select 1");
    return true;
  } catch {
    return false;
  }
}

/** The SQLSTATE of an error raised by pg, or wrapped by Drizzle (its `cause`). */
function sqlStateOf(error: unknown): unknown {
  const code = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return code(error) ?? code((error as { cause?: unknown } | null)?.cause);
}

/** A unique constraint refused the write (SQLSTATE 23505), raised by pg or wrapped by Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === "23505";
}

/**
 * PostgreSQL ended this transaction to break a deadlock (40P01) or a serialization conflict
 * (40001): it rolled back whole, and running it again is what PostgreSQL asks for.
 */
export function isRetryableConflict(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === "40P01" || state === "40001";
}

/**
 * Runs `work` (a whole transaction), again after a short random pause when PostgreSQL picked it
 * as a deadlock or serialization victim, at most `attempts` times in all; any other error, or the
 * last conflict, is thrown. `work` must be safe to run again (it was rolled back whole).
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
